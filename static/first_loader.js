// The page's loader. `scripts/first-load.mjs` (a Trunk post-build hook) puts it in index.html in
// place of the loader Trunk writes, with the app's file names for __APP_JS__ and __APP_WASM__.
//
// At #/tracking (the page's first view) it draws the first screen first: a small wasm of its own
// (`src/first.rs`, `first.js` + `first_bg.wasm`) that draws the tracking view as it is before
// anything is done in it, with the app's own components. The app itself is fetched at the first
// sign of use: a key, a press, the pointer moving over the page, focus, or another view in the
// address. Once it has drawn (off the page), what was done on the first screen is done again in
// it, in the same order: a button or disclosure pressed there (where it does not act) is pressed
// in the app, what was typed is typed into the app's field (an `input` event, so the app's model
// has it), and a box ticked there is ticked in the app. Then the app takes the first screen's
// place, with the focus (and, in a field, the text selection) where it was, or where the app
// put it for a press. The first screen is then stopped.
// Any other address starts the app at once, and so does a first screen that cannot load.
const APP_JS = '__APP_JS__';
const APP_WASM = '__APP_WASM__';
const FIRST_JS = './first.js';
const FIRST_WASM = './first_bg.wasm';
const FIRST_ID = 'first-screen';
// What acts when pressed: held on the first screen and pressed again in the app. (A box ticks
// there at once, like a field takes text, and the app is given its state.)
const PRESSABLE = 'button, summary';
const FIELDS = 'input, select, textarea';

let app = null;
/** Start the app (once), drawing in `root` (a detached element) or, without one, on `<body>`. */
function startApp(root) {
  if (!app) {
    if (root) window.ossAppRoot = root;
    app = import(APP_JS).then((bindings) => bindings.default({ module_or_path: APP_WASM }));
  }
  return app;
}

/** How an element is found again in the app's page: its test id, else its id (the component
 *  tests check every control on the first screen has one). */
function keyOf(el) {
  if (el.dataset.testid) return { testid: el.dataset.testid };
  if (el.id) return { id: el.id };
  return null;
}
function find(scope, key) {
  if (key?.testid) return scope.querySelector(`[data-testid="${CSS.escape(key.testid)}"]`);
  if (key?.id) return scope.querySelector(`#${CSS.escape(key.id)}`);
  return null;
}
const same = (a, b) => a && b && a.testid === b.testid && a.id === b.id;

// What the person did on the first screen, in order: presses (held there) and what was typed.
// A press repeated while the first waits is taken once (a second click because nothing
// happened yet would undo a switch).
const timeline = [];
let handing = false;
let handedOver = false;
// The last press taken, until something else is done (a field, the focus moved).
let lastPress = null;

function onPress(event) {
  const first = document.getElementById(FIRST_ID);
  const target = event.target instanceof Element ? event.target.closest(PRESSABLE) : null;
  if (!first || !target || !first.contains(target)) return;
  event.preventDefault();
  event.stopPropagation();
  const key = keyOf(target);
  if (key && !same(lastPress, key)) timeline.push({ press: key });
  lastPress = key;
  first.setAttribute('aria-busy', 'true');
  handOver();
}

/** The focus moved on the first screen: where the app put it for an earlier press no longer
 *  counts. */
function onFocus(event) {
  const first = document.getElementById(FIRST_ID);
  if (!first || !(event.target instanceof Element) || !first.contains(event.target)) return;
  lastPress = null;
  if (!timeline[timeline.length - 1]?.moved) timeline.push({ moved: true });
}

function onInput(event) {
  const first = document.getElementById(FIRST_ID);
  const el = event.target;
  if (!first || !(el instanceof Element) || !el.matches(FIELDS) || !first.contains(el)) return;
  const key = keyOf(el);
  if (!key) return;
  const box = el.type === 'checkbox' || el.type === 'radio';
  const step = { field: key, value: el.value, box, checked: el.checked };
  lastPress = null;
  if (same(timeline[timeline.length - 1]?.field, key)) timeline[timeline.length - 1] = step;
  else timeline.push(step);
}

// Buttons and keys down on the first screen, and a composition (an input method) under way: the
// page is not changed under them (a page changed between a press and its release loses the
// click). How long that may hold the change up: a release can go unseen, outside the window.
const held = new Set();
const HOLD_MAX_MS = 3000;
// How long an app that is ready waits for a first screen still loading.
const FIRST_WAIT_MS = 5000;
// Sent once the app is on the page.
const IN_PLACE = 'oss-app-in-place';
// A modifier alone acts on nothing; a window that loses the focus loses the releases too.
const holdKey = (e) => (e.type.startsWith('key') ? `key ${e.code}` : e.type.startsWith('composition') ? 'ime' : `pointer ${e.pointerId}`);
const MODIFIERS = ['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock'];
const onDown = (e) => { if (!MODIFIERS.includes(e.key)) held.add(holdKey(e)); };
const onUp = (e) => held.delete(holdKey(e));
const onAway = (e) => { if (e.type !== 'blur' || e.target === window) held.clear(); };
const HOLD = [
  ['pointerdown', onDown], ['keydown', onDown], ['compositionstart', onDown],
  ['pointerup', onUp], ['pointercancel', onUp], ['keyup', onUp], ['compositionend', onUp],
  ['blur', onAway], ['visibilitychange', onAway],
];
const WAKE = ['pointerdown', 'pointermove', 'keydown', 'focusin', 'touchstart', 'hashchange'];

function listen(on) {
  const method = on ? addEventListener : removeEventListener;
  for (const type of WAKE) method(type, handOver, true);
  for (const [type, fn] of HOLD) method(type, fn, true);
  method('click', onPress, true);
  method('focusin', onFocus, true);
  method('input', onInput, true);
  method('change', onInput, true);
}

/** Press `el` in the app, off the page. A form off the page is not submitted by its submit
 *  button (only a form in a document can be): its submit event is sent as the browser would
 *  send it, when the form's fields are valid and the click did not send it already. */
function press(el) {
  let sent = false;
  const form = el.type === 'submit' ? el.form : null;
  const onSubmit = () => { sent = true; };
  form?.addEventListener('submit', onSubmit);
  el.click();
  form?.removeEventListener('submit', onSubmit);
  if (form && !sent && !el.disabled && form.checkValidity()) {
    const init = { submitter: el, bubbles: true, cancelable: true };
    form.dispatchEvent(typeof SubmitEvent === 'function' ? new SubmitEvent('submit', init) : new Event('submit', init));
  }
}

/** Do in the app, in order, what the timeline holds (until it is empty). Returns the element
 *  the app moved the focus to after the person's last step, if it did (off the page a focus
 *  does nothing: it is given again once the app is on the page). */
async function replay(root, asked) {
  while (timeline.length) {
    const step = timeline.shift();
    if (step.moved) {
      asked.el = null;
      continue;
    }
    if (step.press) {
      // The app's controls act on what it has drawn: the steps before first.
      await tick();
      const el = find(root, step.press);
      asked.el = null;
      if (el) press(el);
      await tick();
      continue;
    }
    const el = find(root, step.field);
    asked.el = null;
    // Set, then told (a box clicked off the page would tick without saying so).
    if (el && (step.box ? el.checked !== step.checked : el.value !== step.value)) {
      if (step.box) el.checked = step.checked;
      else el.value = step.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
}

/** Draw the app off the page, do there what was done on the first screen, then put it in the
 *  first screen's place. */
async function handOver(event) {
  if (handing) return;
  handing = true;
  for (const type of WAKE) removeEventListener(type, handOver, true);
  // Another view asked for in the address: the first screen says it is on its way.
  if (event?.type === 'hashchange') document.getElementById(FIRST_ID)?.setAttribute('aria-busy', 'true');
  const at = location.hash;
  const firstPanicked = Boolean(document.getElementById('panic-panel'));
  const root = document.createElement('div');
  try {
    await startApp(root);
    // The app draws its frame in the task after it starts; give it a while.
    for (let i = 0; i < 200 && !root.querySelector('[data-testid=footer]'); i++) await tick();
    if (!root.querySelector('[data-testid=footer]')) throw new Error('the app started but did not draw');
    // A first screen still on its way is waited for a while (if it comes later, it is put
    // away then).
    await Promise.race([firstDone, new Promise((resolve) => setTimeout(resolve, FIRST_WAIT_MS))]);
    await tick();
  } catch (e) {
    failed(e);
    return;
  }
  // Where the app moves the focus while off the page.
  const asked = { el: null };
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (...args) {
    if (root.contains(this)) asked.el = this;
    return focus.apply(this, args);
  };
  try {
    // In order, off the page (the first screen stays in use meanwhile, and what is done on it
    // joins the list); a press, key or composition under way ends first (for at most
    // HOLD_MAX_MS).
    const since = performance.now();
    for (;;) {
      await replay(root, asked);
      if (!held.size || performance.now() - since > HOLD_MAX_MS) break;
      await tick();
    }
  } catch (e) {
    // The app goes on the page all the same: a first screen that cannot act is no place to stay.
    console.error('Replaying the first screen in the console failed:', e);
  } finally {
    HTMLElement.prototype.focus = focus;
  }
  listen(false);
  handedOver = true;
  if (firstPanicked) document.getElementById('panic-panel')?.remove();
  const first = document.getElementById(FIRST_ID);
  if (first) putInPlace(first, root, asked, at);
  else document.body.append(root);
  // The app's announcer says again what it said off the page (src/widgets/announcer.rs).
  dispatchEvent(new Event(IN_PLACE));
}

/** The app in the first screen's place, with the focus and the selection where they were (or
 *  where the app moved the focus), and the first screen stopped. */
function putInPlace(first, root, asked, at) {
  const active = first.contains(document.activeElement) ? document.activeElement : null;
  const was = active && {
    key: keyOf(active), value: active.value,
    start: selection(active, 'selectionStart'), end: selection(active, 'selectionEnd'),
  };
  const [x, y] = [scrollX, scrollY];
  first.replaceWith(root);
  stopFirst();
  if (location.hash === at) scrollTo(x, y);
  if (asked.el && root.contains(asked.el)) {
    asked.el.focus();
  } else if (was) {
    const el = find(root, was.key);
    if (el) {
      el.focus({ preventScroll: true });
      select(el, was);
    }
  }
}

/** The same text: the same selection. Other text (a press replayed in the app changed a field
 *  not typed in): all of it if all was selected (about to be typed over), else the caret at its
 *  end. */
function select(el, was) {
  try {
    if (was.start === null) return;
    if (el.value === was.value) el.setSelectionRange(was.start, was.end);
    else if (was.start === 0 && was.end === was.value.length) el.select();
    else el.setSelectionRange(el.value.length, el.value.length);
  } catch { /* a field without a text selection */ }
}

function selection(el, which) {
  try {
    return typeof el[which] === 'number' ? el[which] : null;
  } catch {
    return null;
  }
}
function tick() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The first screen's app is stopped once the app has its place (what was typed in it goes). */
function stopFirst() {
  try {
    wasm_bindgen.stop();
  } catch { /* it never started */ }
}

/** The app could not load: say so on the first screen (which cannot act by itself). */
function failed(error) {
  console.error('The console could not load:', error);
  listen(false);
  document.getElementById(FIRST_ID)?.removeAttribute('aria-busy');
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.dataset.testid = 'app-load-failed';
  note.className = 'bad-text load-failed';
  note.textContent = 'The console could not load: check the connection and reload the page. '
    + '控制台未能加载：请检查网络后重新加载页面。';
  document.body.prepend(note);
}

/** The first screen did not start: the app does, on `<body>`. */
function instead(error) {
  if (error) console.warn('The first screen did not start; loading the console:', error);
  if (handedOver) return;
  listen(false);
  document.getElementById(FIRST_ID)?.remove();
  if (!handing) startApp(null).catch(failed);
}

// Settles once the first screen has started or failed (a hand-over waits for it).
let firstDone = Promise.resolve();
const hash = location.hash;
if (['', '#', '#/', '#/tracking'].includes(hash)) {
  // The address names the view, as the app writes it (no history entry).
  if (hash !== '#/tracking') history.replaceState(null, '', '#/tracking');
  listen(true);
  firstDone = new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = FIRST_JS;
    const fail = (e) => { instead(e); resolve(); };
    script.onload = () => {
      try {
        wasm_bindgen({ module_or_path: FIRST_WASM }).then(() => {
          // Too late: the app is already on the page.
          if (handedOver) {
            stopFirst();
            document.getElementById(FIRST_ID)?.remove();
          }
          resolve();
        }, fail);
      } catch (e) {
        fail(e);
      }
    };
    script.onerror = () => fail(new Error(`${FIRST_JS} did not load`));
    document.head.append(script);
  });
} else {
  startApp(null).catch(failed);
}
