package smbkit.access;

/**
 * Closing one open file or pipe by its id ({@code net files ID /close}): a {@link ServerAccess} that can
 * implements this too. Local Samba cannot (it has no tool for one file); srvsvc and the Windows API can.
 */
public interface FileControl {

    /** Closes one open file or pipe by id: net files ID /close. */
    void closeFile(long id);
}
