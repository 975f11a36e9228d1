package smbkit.rpc.ndr;

import jcifs.dcerpc.ndr.NdrBuffer;

/**
 * One NDR wire type at the top level of a call's stub (a parameter), written once and shared by every
 * interface: see {@link NdrTypes} for the types MS-SRVS and MS-RRP use. Values are plain Java objects
 * (Integer, Long, String, byte[], {@link NdrStruct}); decoding reads from a {@link BoundedNdrBuffer}.
 */
public interface NdrType {

    void encode(NdrBuffer buf, Object value);

    Object decode(NdrBuffer buf);
}
