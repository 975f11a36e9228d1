package smbkit.model;

/**
 * A session with the address and port its client connects from, so that it can be joined to the server's TCP
 * connection table. {@code port} is null where the platform gives only the address (Windows NetSessionEnum).
 */
public record SessionEndpoint(Session session, String address, Integer port) {}
