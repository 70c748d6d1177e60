// Typing a new shipping address chooses "A new address" (CheckoutPage.razor), so what the shopper typed is
// where the order goes. Without this script the server asks them to choose when both are given.
(() => {
  for (const fieldset of document.querySelectorAll('fieldset[data-new-address-choice]')) {
    const choice = fieldset.querySelector(`input[type=radio][value="${fieldset.dataset.newAddressChoice}"]`);
    if (!choice) continue;
    fieldset.addEventListener('input', event => {
      const field = event.target;
      if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) return;
      if (field.value.trim() !== '') choice.checked = true;
    });
  }
})();
