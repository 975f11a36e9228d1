package smbkit.kb;

import java.time.Instant;
import java.util.List;

import smbkit.model.Session;

/** The sessions a server listed at one moment: one of several samples taken to tell temporary from permanent. */
public record Sample(Instant at, List<Session> sessions) {}
