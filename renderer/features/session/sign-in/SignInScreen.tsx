// Unique sign-in per person on a shared workstation: pick your name and enter your PIN, or sign
// in with username and password (the first time here, and whenever the PIN is not enough).
import { Divider } from '@mui/material';
import { useState } from 'react';
import type { Person } from '../../../keyring/keyring';
import { useSession } from '../session-context';
import { AccessFrame } from './AccessFrame';
import { PasswordForm } from './PasswordForm';
import { PeopleList } from './PeopleList';
import { PersonUnlock } from './PersonUnlock';

export function SignInScreen() {
  const people = useSession((s) => s.people)();
  const wanted = useSession((s) => s.username);
  const [picked, setPicked] = useState<Person | null>(null);
  return (
    <AccessFrame subtitle="Sign in to your practice's task board">
      {picked ? (
        <PersonUnlock person={picked} onBack={() => setPicked(null)} />
      ) : (
        <>
          {!wanted && <PeopleList people={people} onPick={setPicked} />}
          {!wanted && people.length > 0 && <Divider>or</Divider>}
          <PasswordForm />
        </>
      )}
    </AccessFrame>
  );
}
