package smbkit.kb;

import smbkit.model.Session;

/** One NULL session followed across samples: when first and last seen, its age, and what became of it. */
public record TrackedSession(Session last, long firstSeenS, long lastSeenS, long ageS, Persistence persistence) {}
