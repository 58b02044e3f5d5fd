"""A typed Python client generated from the committed schema (openapi-python-client) works against the live API:
register, log in, create, a stale write's typed 412, a refused body's typed 400, delete."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests_live.servers import ROOT

SCHEMA = ROOT / "api_service" / "openapi.yaml"
PACKAGE = "stockroom_api_client"


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """Generate the client from api_service/openapi.yaml into a temporary directory and import it."""
    out = tmp_path_factory.mktemp("typed-client")
    tools = Path(sys.executable).parent
    generated = subprocess.run(
        [str(tools / "openapi-python-client"), "generate", "--path", str(SCHEMA), "--meta", "none"]
        + ["--output-path", str(out / PACKAGE)],
        cwd=out,
        # It formats what it writes with ruff, which it looks for on PATH.
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
            del sys.modules[name]


def module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_a_generated_client_runs_a_crud_flow_with_typed_answers(typed, live_api):
    auth = {name: module(f"api.auth.{name}") for name in ("auth_register", "auth_login")}
    items = {
        name: module(f"api.items.{name}")
        for name in ("items_create", "items_partial_update", "items_destroy", "items_retrieve")
    }
    models = module("models")
    anonymous = typed.Client(base_url=live_api.url)

    user = auth["auth_register"].sync(
        client=anonymous,
        body=models.RegisterRequest(username="typed", email="typed@example.com", password="Typed-client-2026"),
    )
    assert isinstance(user, models.User) and user.username == "typed"
    login = auth["auth_login"].sync(
        client=anonymous, body=models.LoginRequest(username="typed", password="Typed-client-2026")
    )
    assert isinstance(login, models.LoginResponse) and login.user.id == user.id
    client = typed.AuthenticatedClient(base_url=live_api.url, token=login.token, prefix="Token")

    created = items["items_create"].sync(
        client=client, body=models.ItemRequest(name="Typed hammer", sku="TYPED-1", quantity=2, price="9.50")
    )
    assert isinstance(created, models.Item) and (created.version, created.quantity) == (1, 2)

    changed = items["items_partial_update"].sync(
        created.id, client=client, body=models.PatchedItemRequest(quantity=3), if_match=f'"{created.version}"'
    )
    assert isinstance(changed, models.Item) and changed.version == 2

    stale = items["items_partial_update"].sync(
        created.id, client=client, body=models.PatchedItemRequest(quantity=4), if_match=f'"{created.version}"'
    )
    assert isinstance(stale, models.ItemPreconditionFailed)
    assert isinstance(stale.current, models.Item) and stale.current.quantity == 3

    refused = items["items_create"].sync(client=client, body=models.ItemRequest(name="Second", sku="TYPED-1"))
    assert isinstance(refused, models.ItemsCreateResponse400)
    assert refused.additional_properties["sku"] == ["You already have an item with this SKU."]

    deleted = items["items_destroy"].sync_detailed(created.id, client=client, if_match='"2"')
    assert deleted.status_code == 204
    gone = items["items_retrieve"].sync(created.id, client=client)
    assert isinstance(gone, models.ErrorDetail)
