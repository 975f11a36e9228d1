#!/usr/bin/python3
"""NetrSessionEnum (level 1) through impacket, an independent client: the tests' cross-check and the
benchmark's reference. Usage: impacket_sessions.py HOST[:PORT] AUTHFILE [--repeat N] [--smb1] (--smb1: NT LM 0.12 forced, as against
NT 4.0/2000/XP; port 139 speaks NetBIOS). Prints JSON rows
{client, user, opens, flags}. Credentials come from the smbclient-style AUTHFILE, never the command line."""
import json
import sys

from impacket.dcerpc.v5 import srvs, transport
from impacket.dcerpc.v5.dtypes import NULL


def read_auth(path):
    values = {}
    with open(path) as f:
        for line in f:
            if '=' in line and not line.lstrip().startswith(('#', ';')):
                key, value = line.split('=', 1)
                values[key.strip().lower()] = value.strip()
    return values.get('username', ''), values.get('password', ''), values.get('domain', '')


def sessions(target, user, password, domain, smb1=False):
    host, _, port = target.rpartition(':') if target.count(':') == 1 else (target, '', '')
    rpc = transport.DCERPCTransportFactory(r'ncacn_np:%s[\pipe\srvsvc]' % host)
    if port:
        rpc.set_dport(int(port))
    rpc.set_credentials(user, password, domain)
    if smb1:
        from impacket.smb import SMB_DIALECT
        rpc.preferred_dialect(SMB_DIALECT)
    dce = rpc.get_dce_rpc()
    dce.connect()
    dce.bind(srvs.MSRPC_UUID_SRVS)
    resp = srvs.hNetrSessionEnum(dce, NULL, NULL, 1)
    rows = []
    for s in resp['InfoStruct']['SessionInfo']['Level1']['Buffer']:
        rows.append({'client': s['sesi1_cname'][:-1].lstrip('\\'), 'user': s['sesi1_username'][:-1],
                     'opens': s['sesi1_num_opens'], 'flags': s['sesi1_user_flags']})
    dce.disconnect()
    return rows


def main():
    host, authfile = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    repeat = int(rest[rest.index('--repeat') + 1]) if '--repeat' in rest else 1
    user, password, domain = read_auth(authfile)
    for _ in range(repeat):
        rows = sessions(host, user, password, domain, '--smb1' in rest)
    print(json.dumps(rows))


if __name__ == '__main__':
    main()
