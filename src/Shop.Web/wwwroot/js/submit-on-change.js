// Forms marked data-submit-on-change (the listing's sort and filters) are sent as soon as a choice changes,
// and their submit button, there for browsers without JavaScript, is hidden. A media query as the attribute's
// value limits that to the screens it matches (on phones the filters are chosen together, then applied).
// Fields inside [data-submit-on-enter] (a typed price range) wait for Enter or their own button.
(() => {
  for (const form of document.querySelectorAll('form[data-submit-on-change]')) {
    const media = form.dataset.submitOnChange;
    if (media && !window.matchMedia(media).matches) continue;
    form.classList.add('submits-itself');
    form.addEventListener('change', event => {
      if (!event.target.closest('[data-submit-on-enter]')) form.requestSubmit();
    });
  }
})();
