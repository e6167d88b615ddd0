// "Remove all" beside an inline panel's "Add" (press.panels.ClearableInlinePanel): presses each
// remaining row's own delete button, so Wagtail marks them deleted as if clicked one by one.
(function () {
    "use strict";
    function show() {
        document.querySelectorAll("[data-clear-inline]").forEach(function (button) { button.hidden = false; });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", show);
    } else {
        show();
    }
    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-clear-inline]");
        if (!button) return;
        var forms = document.getElementById(button.getAttribute("data-clear-inline"));
        if (!forms) return;
        forms.querySelectorAll("button[id$='-DELETE-button']").forEach(function (remove) {
            var flag = document.getElementById(remove.id.replace(/-button$/, ""));
            if (flag && flag.value !== "1") remove.click();
        });
    });
})();
