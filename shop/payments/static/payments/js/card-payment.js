/* The card form of an order's payment page (templates/payments/order_pay.html):
 * Stripe's Payment Element, then Stripe confirms the payment and brings the
 * client back to the page. A file, not an inline script: the
 * Content-Security-Policy forbids those (shop/csp.py).
 */
/*global Stripe */
(function () {
    "use strict";
    var key = JSON.parse(document.getElementById("stripe-publishable-key").textContent);
    var secret = JSON.parse(document.getElementById("stripe-client-secret").textContent);
    var stripe = Stripe(key, {locale: document.documentElement.lang || "fr-CA"});
    var elements = stripe.elements({clientSecret: secret});
    elements.create("payment").mount("#payment-element");
    var form = document.getElementById("card-payment-form");
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        document.getElementById("card-pay").disabled = true;
        stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.returnUrl}})
            .then(function (result) {
                if (result.error) {
                    document.getElementById("card-messages").textContent = result.error.message;
                    document.getElementById("card-pay").disabled = false;
                }
            });
    });
})();
