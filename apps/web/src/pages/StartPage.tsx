import type { ReactNode } from 'react';
import type { SignedInPerson } from '@waymark/domain';

/** Agency staff start on their own agency; everyone else on the partnership overview. */
export function StartPage({ me, overview, agency }: { me: SignedInPerson; overview: ReactNode; agency: ReactNode }) {
  return <>{me.agencyId ? agency : overview}</>;
}
