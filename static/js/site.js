/* Kooperationsraum: the little script the pages need; everything works without it, too.
   - A button with data-disclosure shows or hides the element it controls (aria-controls):
     the header menu and the catalogue's filters on small screens. CSS hides them only under `.js`.
   - After a search from the catalogue's own form, the focus goes to the results heading
     ("12 Lösungen gefunden") instead of the top of the page. A visit from a link does not move it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUp() {
    document.querySelectorAll("button[data-disclosure]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("aria-controls"));
      if (!target) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        target.classList.toggle("is-open", open);
      });
    });

    var KEY = "kr-focus-results";
    document.querySelectorAll("form[data-focus-results]").forEach(function (form) {
      form.addEventListener("submit", function () {
        try { window.sessionStorage.setItem(KEY, form.getAttribute("data-focus-results")); } catch (e) { /* private mode */ }
      });
    });
    var id = null;
    try { id = window.sessionStorage.getItem(KEY); window.sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ }
    var heading = id && document.getElementById(id);
    if (heading) { heading.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
