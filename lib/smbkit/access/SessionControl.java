package smbkit.access;

/** Ending sessions ({@code net session \\CLIENT /delete}): a {@link ServerAccess} that can implements this too. */
public interface SessionControl {

    /** Ends the sessions of a client (and only that user's when {@code user} is given): net session /delete. */
    void deleteSession(String client, String user);
}
