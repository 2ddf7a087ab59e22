// The C allocator settings the server runs with on Linux (glibc), set in its environment by every
// way it is started: the Dockerfile, the systemd unit (build/server/) and the test harness. They
// must be in the environment before the process starts, so the server cannot set them itself.
//
// Why: with glibc's defaults, a large request body (up to the body limit) freed after its answer
// stays in the allocator's arenas, and the resident size steps up by tens of MB now and then and
// never comes back (the fuzz run: +36% after 100,000 requests, the JavaScript heap +4%). With one
// arena and large blocks always mapped on their own, freed blocks go back to the system (+9% to +19%).
export const SERVER_ALLOCATOR_ENV = {
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: '131072',
} as const;
