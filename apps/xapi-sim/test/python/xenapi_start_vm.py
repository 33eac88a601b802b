"""Drives the simulator with Debian's python3-os-xenapi XenAPI session (XML-RPC over HTTPS, certificate not
verified: the simulator's certificates are self-signed). Prints one JSON line with what it observed."""
import json
import ssl
import sys
import time
import xmlrpc.client

try:
    import XenAPI  # the upstream module name, when installed
except ImportError:
    from os_xenapi.client import XenAPI

url, user, password = sys.argv[1:4]
transport = xmlrpc.client.SafeTransport(context=ssl._create_unverified_context())
session = XenAPI.Session(url, transport=transport)
session.xenapi.login_with_password(user, password, "1.0", "xapi-sim-test")
vms = session.xenapi.VM.get_all_records()
halted = sorted(ref for ref, r in vms.items()
                if r["power_state"] == "Halted" and not r["is_a_template"] and not r["is_control_domain"])
vm = halted[0]
task = session.xenapi.Async.VM.start(vm, False, False)
statuses = []
progress = []
while True:
    status = session.xenapi.task.get_status(task)
    statuses.append(status)
    progress.append(float(session.xenapi.task.get_progress(task)))
    if status != "pending":
        break
    time.sleep(0.02)
record = session.xenapi.task.get_record(task)
print(json.dumps({
    "vm_count": len(vms),
    "vm": vm,
    "task_name": record["name_label"],
    "final_status": statuses[-1],
    "progress": progress,
    "power_state": session.xenapi.VM.get_power_state(vm),
    "memory_static_max": vms[vm]["memory_static_max"],
}))
session.xenapi.task.destroy(task)
session.xenapi.session.logout()
