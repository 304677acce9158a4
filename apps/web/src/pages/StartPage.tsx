import type { ReactNode } from 'react';
import type { Me } from '../api';

/** Agency staff start on their own agency; everyone else on the partnership overview. */
export function StartPage({ me, overview, agency }: { me: Me; overview: ReactNode; agency: ReactNode }) {
  return <>{me.agencyId ? agency : overview}</>;
}
