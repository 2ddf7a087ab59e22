// Subscribes a component to an RxJS observable; `deps` say when to build a new one.
import { useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

export interface Observed<T> {
  value: T;
  /** True from a change of `deps` until the new observable's first value. */
  loading: boolean;
}

export function useObserved<T>(factory: () => Observable<T> | null, initial: T, deps: DependencyList): Observed<T> {
  const [state, setState] = useState<Observed<T>>({ value: initial, loading: true });
  useEffect(() => {
    const source = factory();
    if (!source) return;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const subscription = source.subscribe({
      next: (value) => setState({ value, loading: false }),
      error: () => setState((s) => ({ ...s, loading: false })),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps: each call site lists what its factory reads
  }, deps);
  return state;
}

export function useObservable<T>(factory: () => Observable<T> | null, initial: T, deps: DependencyList): T {
  return useObserved(factory, initial, deps).value;
}
