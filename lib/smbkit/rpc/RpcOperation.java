package smbkit.rpc;

import java.util.ArrayList;
import java.util.List;

import smbkit.rpc.ndr.NdrType;

/**
 * One operation of an RPC interface declared as data: implemented by each interface's opnum enum, whose
 * constant names are the specification's (NetrSessionEnum, BaseRegOpenKey). The request and response
 * parameters are listed once, in wire order; the trailing status every MS-SRVS and MS-RRP reply ends with
 * is read by {@link RpcCall}, not declared. Adding a call is one enum constant.
 */
public interface RpcOperation {

    /** The operation's name in its specification (the enum constant's name). */
    String name();

    /** What the enum constant declares. */
    Declaration declaration();

    default int opnum() {
        return declaration().opnum();
    }

    default List<Param> request() {
        return declaration().request();
    }

    default List<Param> response() {
        return declaration().response();
    }

    /** Rejects a reply whose values contradict its status (ERROR_SUCCESS with a NULL handle...). */
    default void check(RpcCall reply) {
        declaration().check().check(reply);
    }

    /** An operation as data: its opnum, its parameters in wire order, the check of its reply. */
    record Declaration(int opnum, List<Param> request, List<Param> response, Check check) {}

    /** A named parameter of one NDR type. */
    record Param(String name, NdrType type) {}

    /** Parameters from alternating names and types: {@code params("hKey", CONTEXT_HANDLE, "lpSubKey", RPC_UNICODE_STRING)}. */
    static List<Param> params(Object... nameThenType) {
        if (nameThenType.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come as name, type pairs");
        }
        List<Param> out = new ArrayList<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            String name = (String) nameThenType[i];
            for (Param p : out) {
                if (p.name().equals(name)) {
                    throw new IllegalArgumentException("parameter " + name + " is declared twice");
                }
            }
            out.add(new Param(name, (NdrType) nameThenType[i + 1]));
        }
        return List.copyOf(out);
    }

    /** A reply check declared with an operation. */
    @FunctionalInterface
    interface Check {
        void check(RpcCall reply);

        Check NONE = reply -> {};
    }
}
