package smbkit.access;

import java.util.List;

import smbkit.Failure;
import smbkit.SmbkitException;

import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.model.Share;

/**
 * What the KB's steps read from a server, whichever way it is reached: over SMB from another machine
 * ({@link RemoteServer}), or on the server itself through its own API or tools. Each step is written once
 * against this interface. What a way may or may not be able to do is a capability interface of its own, which
 * a backend implements when it can: {@link SessionControl}, {@link FileControl}, {@link ShareControl},
 * {@link ConnectionTable}. {@link #capability} hands one out, or says with a SmbkitException (NOT_AVAILABLE)
 * why this way lacks it, rather than pretending.
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

    /** The server's registry (HKLM). */
    Registry registry();

    /**
     * This tool's own client address as the server sees it, so that a session delete does not cut the
     * tool's own connection; null when unknown (local mode).
     */
    String selfClient();

    /** This server as {@code kind} (a capability interface), or NOT_AVAILABLE saying why this way lacks it. */
    default <T> T capability(Class<T> kind) {
        if (kind.isInstance(this)) {
            return kind.cast(this);
        }
        throw lacks(kind);
    }

    /** The failure for a capability this way of reaching the server lacks: a backend says why, and what instead. */
    default SmbkitException lacks(Class<?> kind) {
        return new SmbkitException(Failure.NOT_AVAILABLE, where() + " offers no " + kind.getSimpleName() + " this way",
                "Reach it another way: over SMB from another machine, or in local mode on the server itself");
    }

    @Override
    void close();
}
