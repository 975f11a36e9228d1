package smbkit.access;

import smbkit.model.Share;

/** Adding and removing shares (NetrShareAdd, NetrShareDel; KB Method 2): a {@link ServerAccess} that can implements this too. */
public interface ShareControl {

    /** Creates a share from its level 502 information (NetrShareAdd). */
    void addShare(Share share);

    /** Removes a share (NetrShareDel). */
    void deleteShare(String name);
}
