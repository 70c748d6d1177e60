// Forms marked data-submit-on-change (the listing's sort) are sent as soon as a choice changes; their
// submit button, there for browsers without JavaScript, is hidden.
(() => {
  for (const form of document.querySelectorAll('form[data-submit-on-change]')) {
    form.classList.add('submits-itself');
    form.addEventListener('change', () => form.requestSubmit());
  }
})();
