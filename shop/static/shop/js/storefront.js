/* The storefront's start-up script, loaded at the end of every storefront page
 * (templates/oscar/layout.html).
 *
 * The Content-Security-Policy forbids inline script on the storefront
 * (shop/csp.py), so what Oscar's pages run from their inline "onbodyload"
 * blocks runs from here instead, each part on the pages having what it works
 * on; and the buttons whose inline onclick Oscar's templates had (overridden in
 * templates/oscar/) say what they do with data-behaviours.
 */
/*global jQuery, oscar */
(function ($) {
    "use strict";

    function exists(selector) {
        return document.querySelector(selector) !== null;
    }

    // Oscar's customer email page writes the email into its preview frame.
    function showEmailPreview() {
        var frame = document.getElementById("preview_box");
        var doc = frame.contentWindow.document;
        doc.open();
        doc.write($(frame).text());
        doc.close();
    }

    $(function () {
        oscar.init();  // every page (layout.html)
        if (exists("#id_sort_by, .facet_checkbox")) {
            oscar.search.init();  // catalogue, category and search pages
        }
        if (exists("#basket_formset, #saved_basket_formset, #voucher_form_link")) {
            oscar.basket.init({basketURL: document.URL});  // the basket page
        }
        if (exists("form input[name=options]") && exists("#id_username")) {
            oscar.checkout.gateway.init();  // checkout: who are you?
        }
        oscar.notifications.init();
        oscar.customer.wishlists.init();
        if (exists("#preview_box")) {
            showEmailPreview();
        }

        $(document.body).on("click", "[data-behaviours~=history-back]", function (event) {
            event.preventDefault();
            window.history.back();
        });
        $(document.body).on("click", "[data-behaviours~=print]", function (event) {
            event.preventDefault();
            window.print();
        });
    });
})(jQuery);
