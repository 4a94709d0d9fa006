// EGI: small progressive enhancements only; every page works without JavaScript.

// A button with data-confirm asks before its form is sent (the policy forbids onclick="…" attributes).
document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
});
