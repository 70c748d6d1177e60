// Forms marked data-submit-on-change (the listing's sort and filters) are sent as soon as a choice changes,
// and their submit button, there for browsers without JavaScript, is hidden. A media query as the attribute's
// value limits that to the screens it matches (on phones the filters are chosen together, then applied).
// Fields inside [data-submit-on-enter] (a typed price range) wait for Enter or their own button.
// Fields left empty are not sent, so the address holds only the filters in force.
(() => {
  for (const form of document.querySelectorAll('form[data-submit-on-change]')) {
    form.addEventListener('formdata', event => {
      for (const [name, value] of [...event.formData]) if (value === '') event.formData.delete(name);
    });
    const media = form.dataset.submitOnChange;
    if (media && !window.matchMedia(media).matches) continue;
    form.classList.add('submits-itself');
    form.addEventListener('change', event => {
      if (!event.target.closest('[data-submit-on-enter]')) form.requestSubmit();
    });
  }
})();
