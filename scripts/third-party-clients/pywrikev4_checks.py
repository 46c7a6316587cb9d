"""py-wrike-v4 0.15 (PyPI `py-wrike-v4`): a read client with caching properties; `get` returns parsed JSON,
`post` sends a JSON body."""
from py_wrike_v4 import Wrike

from harness import BASE, TOKEN, check, envelope, expect, raw

C = "py-wrike-v4"


def run(ctx):
    v = Wrike(BASE + "/", TOKEN)  # its README: the base URL ends with "/"
    me, group, field = ctx["me"]["id"], ctx["group"]["id"], ctx["field"]["id"]
    folder, task, project = ctx["folder"], ctx["task"]["id"], ctx["project"]
    check(C, "query_contact_me", lambda: expect(envelope(v.query_contact_me())[0]["id"] == me, "not me"))
    check(C, "query_contacts_all", lambda: len(envelope(v.query_contacts_all())))
    check(C, "query_contacts", lambda: envelope(v.query_contacts([me]))[0]["id"])
    check(C, "query_user", lambda: envelope(v.query_user(me))[0]["id"])
    check(C, "query_groups_all", lambda: expect(group in [g["id"] for g in envelope(v.query_groups_all())], "group missing"))
    check(C, "query_group", lambda: envelope(v.query_group(group))[0]["title"])
    check(C, "query_custom_fields_all", lambda: len(envelope(v.query_custom_fields_all())))
    check(C, "query_custom_fields", lambda: envelope(v.query_custom_fields([field]))[0]["title"])
    check(C, "query_workflows", lambda: len(envelope(v.query_workflows())))
    check(C, "custom_statuses (cache)", lambda: expect(len(v.custom_statuses) > 0, "no statuses"))
    check(C, "query_folders_all", lambda: expect(
        {e.get("scope") for e in envelope(v.query_folders_all())} >= {"WsRoot", "RbRoot"}, "no Root/Recycle Bin"))
    check(C, "query_folders", lambda: envelope(v.query_folders([folder["id"]]))[0]["title"])
    check(C, "query_folder_subtrees", lambda: expect(
        envelope(v.query_folder_subtrees(folder["id"]))[0]["id"] == folder["id"], "subtree does not start with the folder"))
    check(C, "query_folder_by_title (cache)", lambda: expect(
        v.query_folder_by_title(folder["title"])["id"] == folder["id"], "not found by title"))
    check(C, "query_folder_subtrees_by_title", lambda: len(envelope(v.query_folder_subtrees_by_title(folder["title"]))))
    if project:
        full = raw("GET", f"/folders/{project['id']}")[0]
        check(C, "extract_project_status", lambda: expect(v.extract_project_status(full) is not None, "no status"))
    check(C, "query_tasks_all", lambda: len(envelope(v.query_tasks_all())))
    check(C, "query_tasks", lambda: envelope(v.query_tasks([task]))[0]["title"])
    check(C, "query_tasks_in_folder", lambda: len(envelope(v.query_tasks_in_folder(folder["id"]))))
    check(C, "post tasks/{id}/comments (JSON body)", lambda: expect(
        envelope(v.post(f"tasks/{task}/comments", {"text": "From py-wrike-v4", "plainText": True}))[0]["taskId"] == task,
        "not on the task"))
