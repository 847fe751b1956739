// localStorage can throw (private mode, quota, disabled storage); the app must keep working
// without it, only losing what would have survived a reload.
export function load(store, key, fallback = null) {
  try {
    const raw = store.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function save(store, key, value) {
  try {
    if (value === null || value === undefined) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const local = {
  get: (key, fallback) => load(window.localStorage, key, fallback),
  set: (key, value) => save(window.localStorage, key, value),
  remove: (key) => save(window.localStorage, key, null),
};

export const session = {
  get: (key, fallback) => load(window.sessionStorage, key, fallback),
  set: (key, value) => save(window.sessionStorage, key, value),
  remove: (key) => save(window.sessionStorage, key, null),
};
