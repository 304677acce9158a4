import { createContext, useContext } from 'react';
import { seesExactFigures, type Role } from '@waymark/domain';
import type { Me } from '../api';

/** The signed-in person, for components deep in a page that need to know what they may see. */
export const MeContext = createContext<Me | null>(null);

/**
 * Whether the signed-in person sees published figures (small counts hidden, others rounded), whose
 * totals cover one quarter or one financial year.
 */
export function usePublishedFigures(): boolean {
  const me = useContext(MeContext);
  return me !== null && !seesExactFigures(me.role as Role);
}
