// The in-page stopwatch of the board scenario (page clock, no round trips to Playwright). Strings:
// the bench runs under tsx, whose helpers in a function's source do not exist in the page.

/**
 * Installed before the app loads (addInitScript): stamps every committed write to the replica's
 * tasks store (IndexedDB readwrite transactions of the `--tasks` database), the reference of a
 * local edit: the write as the app makes it, from the click to IndexedDB's commit.
 */
export const TASK_WRITE_STAMPS = `(() => {
  const stamps = [];
  globalThis.boardBenchWrites = stamps;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, options) {
    const tx = transaction.call(this, names, mode, options);
    if (mode === 'readwrite' && this.name.includes('--tasks')) tx.addEventListener('complete', () => stamps.push(performance.now()));
    return tx;
  };
})()`;

/**
 * Arms one measurement: `start` is the triggering event's time (the last keydown in the search
 * box, the click on a card, the click on Save), `done` when the DOM first shows the result,
 * `painted` when the frame after that has been painted (a task queued from requestAnimationFrame
 * runs after the paint), `full` when an open panel is whole (details form and history drawn). Kinds: search (the columns' counts add up to `expected` and nothing is
 * loading), open (the panel shows task `id` with its title), edit (card `id` shows priority `label`).
 */
export const ARM = `(arg) => {
  const m = { start: 0, done: 0, painted: 0, full: 0 };
  globalThis.boardWatch = m;
  const trigger = { search: 'keydown', open: 'click', edit: 'click' }[arg.kind];
  const onTrigger = (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t || m.done) return;
    if (arg.kind === 'search' && t.closest('[data-testid="search"]')) m.start = e.timeStamp;
    if (arg.kind === 'open' && t.closest('[data-testid="task-card"][data-task-id="' + arg.id + '"]')) m.start = e.timeStamp;
    if (arg.kind === 'edit' && t.closest('[data-testid="details-save"]')) m.start = e.timeStamp;
  };
  document.addEventListener(trigger, onTrigger, { capture: true });
  const shown = () => {
    if (arg.kind === 'search') {
      const board = document.querySelector('[data-testid="board"]');
      if (!board || board.querySelector('[aria-busy="true"]')) return false;
      let sum = 0;
      for (const el of board.querySelectorAll('[data-testid="column-count"]')) sum += Number(el.textContent);
      return sum === arg.expected;
    }
    if (arg.kind === 'open') {
      const title = document.querySelector('[data-testid="task-drawer"][data-task-id="' + arg.id + '"] [data-testid="drawer-title"]');
      return !!title && !!title.textContent;
    }
    const card = document.querySelector('[data-testid="task-card"][data-task-id="' + arg.id + '"]');
    return !!card && [...card.querySelectorAll('.MuiChip-label')].some((c) => c.textContent === arg.label);
  };
  // An open panel is whole once its details form and history are drawn too (they may follow the first paint).
  const whole = () => arg.kind !== 'open' || !!document.querySelector('[data-testid="task-drawer"][data-task-id="' + arg.id + '"] [data-testid="history-entry"]');
  const observer = new MutationObserver(() => {
    if (!m.start) return;
    if (!m.done && shown()) {
      m.done = performance.now();
      document.removeEventListener(trigger, onTrigger, { capture: true });
      requestAnimationFrame(() => setTimeout(() => (m.painted = performance.now()), 0));
    }
    if (m.done && whole()) {
      m.full = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
}`;

/** From now to the next painted frame with nothing else to do: what any change on screen costs at least. */
export const FRAME = `() => new Promise((resolve) => {
  const t = performance.now();
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
})`;

/**
 * The reference of a search: one plain Array.filter of the same documents (title and patient
 * reference, lower-cased as the board does), then the next painted frame. Returns the hits too.
 */
export const FILTER_AND_FRAME = `(needle) => new Promise((resolve) => {
  const t = performance.now();
  const hits = globalThis.boardBenchDocs.filter((d) => d.title.toLowerCase().includes(needle) || d.patientRef.toLowerCase().includes(needle)).length;
  const filterMs = performance.now() - t;
  requestAnimationFrame(() => setTimeout(() => resolve({ hits, filterMs, ms: performance.now() - t }), 0));
})`;
