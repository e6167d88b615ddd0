// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Share: "Copy link" copies the story's address (the field stays for anyone without JS).
    document.querySelectorAll("[data-copy]").forEach(function (button) {
        var field = document.querySelector(button.getAttribute("data-copy"));
        var status = button.parentElement.querySelector(".share__copied");
        if (!field || !navigator.clipboard) return;
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(field.value).then(function () {
                // The words come from the page, in its language (includes/share_links.html).
                status.textContent = button.getAttribute("data-copied") || "Link copied.";
            }, function () {
                field.select();
                status.textContent = button.getAttribute("data-copy-by-hand") || "Press Ctrl+C (⌘C on a Mac) to copy.";
            });
        });
    });

    // The demo's "Sample content" note: Dismiss hides it, and it stays hidden in this browser.
    var notice = document.querySelector("[data-sample-notice]");
    if (notice) {
        var key = "pressroom.sampleNoticeDismissed";
        var remembered = function () {
            try { return window.localStorage.getItem(key) === "1"; } catch (error) { return false; }
        };
        if (remembered()) {
            notice.hidden = true;
        } else {
            var dismiss = notice.querySelector("[data-sample-notice-dismiss]");
            dismiss.hidden = false;
            dismiss.addEventListener("click", function () {
                notice.hidden = true;
                try { window.localStorage.setItem(key, "1"); } catch (error) { /* kept for this page only */ }
                var main = document.getElementById("main");
                if (main) main.focus();
            });
        }
    }

    // On small screens the filters fold away until asked for, unless some are in use, so the
    // stories come first; on wide screens they always show beside the results.
    var disclosure = document.querySelector("[data-filters-disclosure]");
    var wide = window.matchMedia("(min-width: 56rem)");
    if (disclosure) {
        if (!wide.matches && !document.querySelector(".active-filters")) disclosure.open = false;
        wide.addEventListener("change", function () {
            if (wide.matches) disclosure.open = true;
        });
    }

    // Listing filters: fetch the filtered page and swap in its filters and results, keeping
    // the address in step (history.pushState), so the view stays shareable.
    var form = document.querySelector("[data-filters]");
    if (!form || !window.fetch || !("content" in document.createElement("template"))) return;

    function cleanUrl() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value) params.append(name, value);
        });
        var query = params.toString();
        return form.action + (query ? "?" + query : "");
    }

    // focus: "keep" puts focus back on the control that was used (it is replaced), "results"
    // moves it to the results heading (after a page or filter link).
    function load(url, push, focus) {
        var activeId = document.activeElement && document.activeElement.id;
        var results = document.querySelector("[data-results]");
        results.setAttribute("aria-busy", "true");
        return fetch(url, { headers: { "X-Requested-With": "fetch" } })
            .then(function (response) {
                if (!response.ok) throw new Error(response.status);
                return response.text();
            })
            .then(function (html) {
                // Parsed inertly in a <template>: the page's own <style> carries the nonce of
                // the response it came in, so parsing it as a document would break our CSP.
                var template = document.createElement("template");
                template.innerHTML = html;
                var doc = template.content;
                ["[data-filters]", "[data-results]"].forEach(function (selector) {
                    var fresh = doc.querySelector(selector);
                    if (fresh) document.querySelector(selector).replaceWith(fresh);
                });
                var title = doc.querySelector("title");
                if (title) document.title = title.textContent;
                if (push) history.pushState({ filtered: true }, "", url);
                form = document.querySelector("[data-filters]");
                bind();
                var target = focus === "results" ? document.getElementById("results-heading")
                    : activeId && document.getElementById(activeId);
                if (target) target.focus();
            })
            .catch(function () {
                window.location.href = url;  // fall back to an ordinary page load
            });
    }

    function bind() {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            load(cleanUrl(), true, "results");
        });
        form.querySelectorAll("select").forEach(function (select) {
            select.addEventListener("change", function () {
                load(cleanUrl(), true, "keep");
            });
        });
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest(".pagination a, .active-filters a, .listing__clear a");
        if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        load(link.href, true, "results");
    });

    window.addEventListener("popstate", function () {
        load(window.location.href, false, "keep");
    });

    bind();
})();
