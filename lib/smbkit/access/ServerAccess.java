package smbkit.access;

import java.util.List;

import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.model.Share;

/**
 * Everything the KB's steps read from or change on a server, whichever way it is reached: over SMB from
 * another machine ({@link RemoteServer}), or on the server itself through its own API or tools. Each step
 * is written once against this interface. A way that cannot do something says so with a SmbkitException
 * (NOT_AVAILABLE) rather than pretending.
 */
public interface ServerAccess extends AutoCloseable {

    /** How messages name the server ("fileserver", "127.0.0.1:4450", "this machine (Samba)"). */
    String where();

    /** The SMB dialect the server spoke ({@code NT LM 0.12}, {@code SMB 3.1.1}); null in local mode or before connecting. */
    default String dialect() {
        return null;
    }

    /** Platform, version and the configured maximum of users (NetrServerGetInfo 102, else 101). */
    ServerInfo serverInfo();

    /** Server info where it is only a bonus (the limit in a summary): null when the server will not say. */
    default ServerInfo serverInfoOrNull() {
        try {
            return serverInfo();
        } catch (smbkit.SmbkitException e) {
            return null;
        }
    }

    /** Every session on the server, optionally only those of one client computer and/or one user. */
    SessionListing sessions(String client, String user);

    /** Open files and named pipes (net files), optionally under a path and/or of one user. */
    List<OpenFile> openFiles(String basePath, String user);

    /**
     * Tree connections to a share ({@code qualifier} = share name) or of a client ({@code \\client}).
     * Samba answers with placeholder data: {@link #connectionsAreReliable()} says whether to trust them.
     */
    List<Connection> connections(String qualifier);

    /** False when the server's connection listing is known to be placeholder data (Samba). */
    boolean connectionsAreReliable();

    /** Every share, with its security descriptor where the level carries one. */
    List<Share> shares();

    /** One share at the richest level the server grants (502: with its security descriptor). */
    Share share(String name);

    /** Ends the sessions of a client (and only that user's when {@code user} is given): net session /delete. */
    void deleteSession(String client, String user);

    /** Closes one open file or pipe by id: net files ID /close. */
    void closeFile(long id);

    /** Creates a share from its level 502 information (NetrShareAdd). */
    void addShare(Share share);

    /** Removes a share (NetrShareDel). */
    void deleteShare(String name);

    /** The server's registry (HKLM). */
    Registry registry();

    /**
     * This tool's own client address as the server sees it, so that a session delete does not cut the
     * tool's own connection; null when unknown (local mode).
     */
    String selfClient();

    @Override
    void close();
}
