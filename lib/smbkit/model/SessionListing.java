package smbkit.model;

import java.util.List;

/** The sessions a server reported, and how it reported them (the info level, or the local tool). */
public record SessionListing(List<Session> sessions, String source) {}
