// The locked workstation: the person's name only (no PHI), their PIN or password, or someone else.
import { Button, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Person } from '../../../keyring/keyring';
import { useSession } from '../session-context';
import { AccessFrame } from './AccessFrame';
import { PasswordForm } from './PasswordForm';
import { PeopleList } from './PeopleList';
import { PersonUnlock } from './PersonUnlock';

export function LockScreen() {
  const session = useSession((s) => s.session);
  const people = useSession((s) => s.people)();
  const signOut = useSession((s) => s.signOut);
  const [other, setOther] = useState<Person | 'password' | null>(null);
  if (!session) return null;
  const me: Person = people.find((p) => p.userId === session.user.id) ?? {
    userId: session.user.id,
    username: session.user.username,
    displayName: session.user.displayName,
    hasPin: false,
  };
  const others = people.filter((p) => p.userId !== me.userId);
  return (
    <AccessFrame subtitle={other === null ? 'Locked' : 'Locked · switch person'} testId="lock-screen">
      {other === null ? (
        <>
          <Typography variant="h6" component="p" data-testid="locked-user">
            {me.displayName}
          </Typography>
          <PersonUnlock key={me.userId} person={me} showName={false} />
          <Divider />
          <Stack direction="row" justifyContent="space-between">
            <Button size="small" onClick={() => setOther('password')} data-testid="switch-person">
              Switch person
            </Button>
            <Button size="small" color="inherit" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Stack>
        </>
      ) : other === 'password' ? (
        <>
          <PeopleList people={others} onPick={setOther} />
          {others.length > 0 && <Divider>or</Divider>}
          <PasswordForm />
          <Button size="small" onClick={() => setOther(null)}>
            Back to {me.displayName}
          </Button>
        </>
      ) : (
        <PersonUnlock key={other.userId} person={other} onBack={() => setOther('password')} />
      )}
    </AccessFrame>
  );
}
