/**
 * What the page opens with (share link, else the autosave, else an empty document) and what it
 * says when something is wrong; autosave after editing pauses. Storage here is a Map.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentStore, undo } from '../../src/store/documentStore.ts';
import { emptyDocument, type DocumentInput } from '../../src/store/document/commands.ts';
import { startAutosave, AUTOSAVE_DELAY_MS } from '../../src/ui/persistence/autosave.ts';
import { initialDocument, takeStartupReport } from '../../src/ui/persistence/initialDocument.ts';
import { encodeDocument } from '../../src/ui/persistence/shareCodec.ts';
import { DOCUMENT_KEY, UNREADABLE_DOCUMENT_KEY, readSavedDocument, type KeyValueStorage } from '../../src/ui/persistence/storage.ts';

function memoryStorage(entries: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(entries));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, String(value));
    },
    removeItem: (key) => {
      data.delete(key);
    },
  };
}

const saved: DocumentInput = {
  version: 1,
  name: 'Saved work',
  seed: 4,
  duration: '30s',
  nodes: [{ id: 'api', kind: 'service', workers: 2, position: { x: 10, y: 20 } }],
  links: [],
  faults: [],
};
const shared: DocumentInput = {
  version: 1,
  name: 'Shared',
  seed: 9,
  duration: '10s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service' },
  ],
  links: [{ from: 'web', to: 'api' }],
  faults: [],
};

describe('initial document', () => {
  beforeEach(() => {
    takeStartupReport();
  });

  it('opens a valid share link, even when there is an autosave', () => {
    const doc = initialDocument({
      hash: `#s=${encodeDocument(shared)}`,
      storage: memoryStorage({ [DOCUMENT_KEY]: JSON.stringify(saved) }),
    });
    expect(doc).toEqual(shared);
    expect(takeStartupReport()).toMatchObject({
      source: 'link',
      linkProblems: [],
      notice: { tone: 'info', text: expect.stringMatching(/Undo brings back/) },
      replaced: saved,
    });
  });

  it('opens a valid share link with nothing to bring back when nothing was saved', () => {
    expect(initialDocument({ hash: `#s=${encodeDocument(shared)}`, storage: memoryStorage() })).toEqual(shared);
    const report = takeStartupReport();
    expect(report?.replaced).toBeUndefined();
    expect(report?.notice?.text).toBe('Opened the shared system "Shared".');
  });

  it('restores the autosaved document when there is no link', () => {
    expect(initialDocument({ hash: '', storage: memoryStorage({ [DOCUMENT_KEY]: JSON.stringify(saved) }) })).toEqual(saved);
    expect(takeStartupReport()).toEqual({ source: 'saved', linkProblems: [], notice: undefined });
  });

  it('keeps the autosave and reports every problem of a broken link', () => {
    const broken = encodeDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 'x', workload: { pattern: 'poisson', rate: 1 } },
        { id: 's', kind: 'service', workers: -1 },
      ],
    });
    const storage = memoryStorage({ [DOCUMENT_KEY]: JSON.stringify(saved) });
    expect(initialDocument({ hash: `#s=${broken}`, storage })).toEqual(saved);
    const report = takeStartupReport();
    expect(report?.source).toBe('saved');
    expect(report?.linkProblems.map((p) => p.path)).toEqual(expect.arrayContaining(['nodes[0].target', 'nodes[1].workers']));
    expect(storage.data.get(DOCUMENT_KEY)).toBe(JSON.stringify(saved));
  });

  it('reports a link that is not even base64 and starts empty when nothing is saved', () => {
    expect(initialDocument({ hash: '#s=%%%', storage: memoryStorage() })).toEqual(emptyDocument());
    const report = takeStartupReport();
    expect(report?.source).toBe('new');
    expect(report?.linkProblems).toHaveLength(1);
  });

  it('starts empty with an error notice when the autosave is not JSON, and keeps the text aside', () => {
    const storage = memoryStorage({ [DOCUMENT_KEY]: '{"version":1,"nodes":[' });
    expect(initialDocument({ hash: '', storage })).toEqual(emptyDocument());
    const report = takeStartupReport();
    expect(report?.notice?.tone).toBe('error');
    expect(report?.notice?.text).toMatch(/could not be opened.*not valid JSON/);
    expect(storage.data.get(UNREADABLE_DOCUMENT_KEY)).toBe('{"version":1,"nodes":[');
  });

  it('treats JSON that is not shaped like a document as unreadable (it would break the editor)', () => {
    for (const text of ['null', '42', '[]', '{"version":1}', '{"nodes":{}}']) {
      expect(readSavedDocument(memoryStorage({ [DOCUMENT_KEY]: text })).kind).toBe('unreadable');
    }
  });

  it('keeps an invalid but readable autosave as it is (work in progress)', () => {
    const wip = {
      version: 1,
      nodes: [
        { id: 'api', kind: 'service', workers: 0 },
        { id: '', kind: 'client' },
      ],
      links: [{ from: 'api', to: 'nowhere' }],
    };
    expect(initialDocument({ hash: '', storage: memoryStorage({ [DOCUMENT_KEY]: JSON.stringify(wip) }) })).toEqual(wip);
    expect(takeStartupReport()?.notice).toBeUndefined();
  });

  it('opens even where storage is blocked', () => {
    const blocked: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {},
    };
    expect(initialDocument({ hash: '', storage: blocked })).toEqual(emptyDocument());
    expect(initialDocument({ hash: '', storage: undefined })).toEqual(emptyDocument());
  });

  it('hands its report out once', () => {
    initialDocument({ hash: '', storage: memoryStorage() });
    expect(takeStartupReport()).toBeDefined();
    expect(takeStartupReport()).toBeUndefined();
  });
});

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const rename = (name: string) => ({ type: 'updateSettings', patch: { name } }) as const;

  it('saves once editing has paused, not on every change', () => {
    const store = createDocumentStore(emptyDocument());
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    startAutosave(store, storage);
    for (let i = 0; i < 10; i++) {
      store.getState().dispatch(rename(`name ${i}`));
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 50);
    }
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.data.get(DOCUMENT_KEY) ?? '')).toMatchObject({ name: 'name 9' });
  });

  it('saves undo too, and the saved text restores the same document', () => {
    const store = createDocumentStore(saved);
    const storage = memoryStorage();
    startAutosave(store, storage);
    store.getState().dispatch(rename('changed'));
    vi.runAllTimers();
    undo(store);
    vi.runAllTimers();
    expect(initialDocument({ hash: '', storage })).toEqual(saved);
  });

  it('saves a pending change at once on flush, and stops saving after stop', () => {
    const store = createDocumentStore(emptyDocument());
    const storage = memoryStorage();
    const autosave = startAutosave(store, storage);
    store.getState().dispatch(rename('now'));
    autosave.flush();
    expect(JSON.parse(storage.data.get(DOCUMENT_KEY) ?? '')).toMatchObject({ name: 'now' });
    autosave.stop();
    store.getState().dispatch(rename('later'));
    vi.runAllTimers();
    expect(JSON.parse(storage.data.get(DOCUMENT_KEY) ?? '')).toMatchObject({ name: 'now' });
  });

  it('says once that the browser refused to save, and again only after a save worked', () => {
    const store = createDocumentStore(emptyDocument());
    let full = true;
    const storage = memoryStorage();
    const inner = storage.setItem;
    storage.setItem = (key, value) => {
      if (full) throw new Error('QuotaExceededError');
      inner(key, value);
    };
    const onFailure = vi.fn();
    startAutosave(store, storage, { onFailure });
    for (const name of ['a', 'b']) {
      store.getState().dispatch(rename(name));
      vi.runAllTimers();
    }
    expect(onFailure).toHaveBeenCalledTimes(1);
    full = false;
    store.getState().dispatch(rename('c'));
    vi.runAllTimers();
    full = true;
    store.getState().dispatch(rename('d'));
    vi.runAllTimers();
    expect(onFailure).toHaveBeenCalledTimes(2);
  });
});
