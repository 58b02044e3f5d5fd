/*
  Enhancements only: every page works without this file. Loaded with `defer` from the app's own origin
  (the Content-Security-Policy allows no inline script).
*/
(function () {
  "use strict";

  // Success and info messages get a "Dismiss" button; without JavaScript they simply stay.
  function addDismissButtons() {
    var template = document.getElementById("dismiss-button");
    if (!template) return;
    document.querySelectorAll(".message[data-dismissible]").forEach(function (message) {
      var button = template.content.firstElementChild.cloneNode(true);
      button.addEventListener("click", function () {
        var list = message.parentElement;
        message.remove();
        if (list && list.classList.contains("messages") && !list.querySelector(".message")) list.remove();
        document.getElementById("main").focus();
      });
      message.appendChild(button);
    });
  }

  // GOV.UK's error summary: it takes focus after a failed submit, and its links focus the field they name.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        var label = document.querySelector("label[for='" + field.id + "']");
        (label || field).scrollIntoView();
        field.focus({ preventScroll: true });
      });
    });
  }

  // The account menu is a <details>: close it with Escape or a click elsewhere.
  function closeMenusFromOutside() {
    var menus = document.querySelectorAll("details.account-menu");
    if (!menus.length) return;
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      menus.forEach(function (menu) {
        if (menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
    });
  }

  // The items list's action bar: count the ticked rows ("3 selected on this page"), show the actions only when
  // something is ticked, and make "Select all on this page" tick the boxes here instead of reloading the page.
  function enhanceBulkForm() {
    var form = document.querySelector("[data-bulk-form]");
    if (!form) return;
    var bar = form.querySelector("[data-bulk-bar]");
    var count = form.querySelector("[data-bulk-count]");
    var selectAll = form.querySelector("[data-select-all]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=ids]"));
    var emptyText = count.textContent;

    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).length;
    }
    function update() {
      var n = ticked();
      if (n) bar.removeAttribute("data-empty");
      else bar.setAttribute("data-empty", "");
      count.textContent = n ? n + " selected on this page" : emptyText;
      selectAll.textContent = n === boxes.length ? "Clear selection" : "Select all on this page";
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    selectAll.addEventListener("click", function (event) {
      event.preventDefault();
      var all = ticked() !== boxes.length;
      boxes.forEach(function (box) { box.checked = all; });
      update();
    });
    update();
  }

  // Buttons that start a slow request (an upload, an import) say so and cannot be pressed twice.
  function showWorking() {
    document.querySelectorAll("form[data-working]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        var status = form.querySelector("[data-working-status]");
        if (status) status.textContent = form.getAttribute("data-working");
        if (button) {
          // Disabled after this event, or the browser would leave the button out of the submitted form.
          setTimeout(function () {
            button.disabled = true;
            button.textContent = form.getAttribute("data-working");
          }, 0);
        }
        });
      });
    }

  // A search or filter form leaves its empty fields out of the address (the server redirects without them too,
  // this only saves the round trip); a control marked data-autosubmit applies as soon as it changes.
  function tidyGetForms() {
    document.querySelectorAll("form[method='get']").forEach(function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (control) {
          if (control.name && control.value === "" && !control.disabled) {
            control.disabled = true;
            control.setAttribute("data-was-empty", "");
          }
        });
      });
    });
    // Coming back with the Back button shows the page as it was left: give the fields back.
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("[data-was-empty]").forEach(function (control) {
        control.disabled = false;
        control.removeAttribute("data-was-empty");
      });
    });
    document.querySelectorAll("[data-autosubmit]").forEach(function (control) {
      control.addEventListener("change", function () {
        if (control.form.requestSubmit) control.form.requestSubmit();
        else control.form.submit();
      });
    });
  }

  addDismissButtons();
  tidyGetForms();
  focusErrorSummary();
  closeMenusFromOutside();
  enhanceBulkForm();
  showWorking();
})();
