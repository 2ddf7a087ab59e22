// Who has signed in on this workstation before: display names only, nothing else about them.
import { Button, Stack, Typography } from '@mui/material';
import type { Person } from '../../../keyring/keyring';

export function PeopleList({ people, onPick }: { people: Person[]; onPick(person: Person): void }) {
  if (people.length === 0) return null;
  return (
    <Stack spacing={1} role="list" aria-label="People on this workstation" data-testid="people-list">
      <Typography variant="body2" color="text.secondary">
        Signed in here before: pick your name
      </Typography>
      {people.map((person) => (
        <Button key={person.userId} role="listitem" variant="outlined" onClick={() => onPick(person)} sx={{ justifyContent: 'flex-start' }}>
          {person.displayName}
        </Button>
      ))}
    </Stack>
  );
}
