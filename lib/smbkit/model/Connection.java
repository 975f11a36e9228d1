package smbkit.model;

/**
 * One tree connection (CONNECTION_INFO_1): who is connected to which share. {@code qualifier} is what the
 * listing was asked for (a share name, or a client as {@code \\name}); {@code netname} is the other side
 * (the client when listing a share, the share when listing a client).
 */
public record Connection(String qualifier, long id, Long type, Long opens, Long users, Long seconds, String user,
        String netname) {}
