// After a passkey is registered, continue to the page named by the element's data-next
// (django-otp-webauthn only reports success in place). A file, not inline: the CSP forbids that.
document.addEventListener("otp_webauthn.register_complete", function () {
  var target = document.getElementById("passkey-continue");
  if (target && target.dataset.next) {
    window.location.assign(target.dataset.next);
  }
});
