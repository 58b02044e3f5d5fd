"""The API goes away mid-session: the client answers 503, keeps what was typed, and recovers by itself."""

from tests_live.browsing import Visitor


def test_api_down_then_back(live_api, live_client):
    visitor = Visitor(live_client.url)
    visitor.register()
    form_page = visitor.get("/categories/new/")
    token = Visitor.csrf_token(form_page.text)
    live_api.stop()
    try:
        assert visitor.get("/items/").status_code == 503
        assert "The Stockroom service is unavailable" in visitor.text
        visitor.page = visitor.http.post(
            live_client.url + "/categories/new/",
            data={"csrfmiddlewaretoken": token, "name": "Typed while down", "description": "keep me"},
            timeout=15,
        )
        assert visitor.page.status_code == 503
        assert 'value="Typed while down"' in visitor.page.text and "keep me" in visitor.page.text
        item = {
            "csrfmiddlewaretoken": token,
            "name": "Item while down",
            "sku": "DOWN-1",
            "description": "kept",
            "category": "",
            "quantity": "2",
            "price": "3.50",
        }
        visitor.page = visitor.http.post(live_client.url + "/items/new/", data=item, timeout=15)
        assert visitor.page.status_code == 503
        assert 'value="Item while down"' in visitor.page.text and 'value="3.50"' in visitor.page.text
    finally:
        live_api.start()
    visitor.submit("/categories/new/", {"name": "Typed while down", "description": "keep me"})
    assert "Category “Typed while down” created." in visitor.messages()
