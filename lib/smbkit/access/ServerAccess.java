package smbkit.access;

import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;

/**
 * Everything the KB's steps read from or change on a server, whichever way it is reached: over SMB from
 * another machine ({@link RemoteServer}), or on the server itself through its own API or tools. Each step
 * is written once against this interface.
 */
public interface ServerAccess extends AutoCloseable {

    /** How messages name the server ("fileserver", "127.0.0.1:4450", "this machine (Samba)"). */
    String where();

    /** Platform, version and the configured maximum of users (NetrServerGetInfo 102, else 101). */
    ServerInfo serverInfo();

    /** Every session on the server, optionally only those of one client computer and/or one user. */
    SessionListing sessions(String client, String user);

    @Override
    void close();
}
