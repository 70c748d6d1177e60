// Turns push notifications on or off for this browser from the notification settings. The service worker
// (registered on every page) receives them; the server keeps the subscription and sends through it.
(() => {
  const panel = document.querySelector('[data-push-devices]');
  if (!panel) return;
  const button = panel.querySelector('[data-push-toggle]');
  const status = panel.querySelector('[data-push-status]');
  const say = text => { status.textContent = text; };
  // The texts come from the page, in the reader's language.
  const texts = panel.dataset;
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    say(texts.sayUnsupported);
    return;
  }
  const pushManager = async () => (await navigator.serviceWorker.ready).pushManager;

  async function show() {
    const subscription = await (await pushManager()).getSubscription();
    button.dataset.on = subscription ? 'true' : 'false';
    button.textContent = subscription ? texts.sayTurnOff : texts.sayTurnOn;
    button.hidden = false;
    say(subscription ? texts.sayOn : Notification.permission === 'denied' ? texts.sayBlocked : '');
  }

  async function turnOn() {
    if (await Notification.requestPermission() !== 'granted') {
      say(texts.sayDenied);
      return;
    }
    const key = await fetch(panel.dataset.keyUrl, { credentials: 'same-origin' }).then(r => r.json());
    const subscription = await (await pushManager()).subscribe({ userVisibleOnly: true, applicationServerKey: key.publicKey });
    const saved = await fetch(panel.dataset.devicesUrl, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(subscription),
    });
    if (!saved.ok) {
      await subscription.unsubscribe();
      throw new Error(`The shop refused the subscription (${saved.status}).`);
    }
    location.reload();
  }

  async function turnOff() {
    const subscription = await (await pushManager()).getSubscription();
    if (subscription) {
      await fetch(`${panel.dataset.devicesUrl}?endpoint=${encodeURIComponent(subscription.endpoint)}`, { method: 'DELETE', credentials: 'same-origin' });
      await subscription.unsubscribe();
    }
    location.reload();
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await (button.dataset.on === 'true' ? turnOff() : turnOn());
    } catch {
      say(texts.sayFailed);
    } finally {
      button.disabled = false;
    }
  });
  show();
})();
