// Subscribes a component to an RxJS observable; `deps` say when to build a new one.
import { useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

export function useObservable<T>(factory: () => Observable<T> | null, initial: T, deps: DependencyList): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const source = factory();
    if (!source) return;
    const subscription = source.subscribe({ next: setValue, error: () => undefined });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
