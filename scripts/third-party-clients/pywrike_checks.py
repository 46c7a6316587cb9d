"""PyWrike 1.955 (PyPI `PyWrike`, axirestech): functions with https://www.wrike.com/api/v4 written in, JSON
bodies, `Content-Type: application/json` on GETs too. Many functions print and return None on failure."""
import PyWrike as p

from harness import TOKEN, check, expect, raw

C = "PyWrike"


def run(ctx):
    me, space, folder, task = ctx["me"], ctx["space"], ctx["folder"], ctx["task"]
    email = ((me.get("profiles") or [{}])[0]).get("email", "")
    check(C, "validate_token", lambda: expect(p.validate_token(TOKEN) is True, "token refused"))
    check(C, "get_responsible_id_by_name_and_email", lambda: expect(
        p.get_responsible_id_by_name_and_email(me.get("firstName"), me.get("lastName"), email, TOKEN) == me["id"], "not found"))
    check(C, "get_user_details (users/{id})", lambda: expect(p.get_user_details(me["id"], TOKEN, {}) == email, "wrong email"))
    check(C, "get_all_spaces", lambda: len(p.get_all_spaces(TOKEN)))
    check(C, "get_space_id_by_name", lambda: expect(p.get_space_id_by_name(space["title"], TOKEN) == space["id"], "not found"))
    check(C, "get_space_details", lambda: p.get_space_details(space["id"], TOKEN)["title"])
    check(C, "get_folders_in_space", lambda: len(p.get_folders_in_space(space["id"], TOKEN)))
    check(C, "get_folder_id_in_space_by_name", lambda: expect(
        p.get_folder_id_in_space_by_name(space["id"], folder["title"], TOKEN) == folder["id"], "not found"))
    check(C, "get_folder_id_by_name (folder tree)", lambda: expect(
        p.get_folder_id_by_name(folder["title"], TOKEN) == folder["id"], "not found"))
    check(C, "get_all_folders_in_space", lambda: len(p.get_all_folders_in_space(space["id"], TOKEN)))
    check(C, "get_tasks_in_space", lambda: len(p.get_tasks_in_space(space["id"], TOKEN)))
    check(C, "get_tasks_by_folder_id (fields with spaces)", lambda: expect(
        all("subTaskIds" in t for t in p.get_tasks_by_folder_id(folder["id"], TOKEN)), "fields ignored"))
    check(C, "get_task_by_id", lambda: p.get_task_by_id(task["id"], TOKEN)["data"][0]["title"])
    check(C, "get_task_details", lambda: p.get_task_details(task["id"], TOKEN)["id"])
    check(C, "get_custom_fields", lambda: len(p.get_custom_fields(TOKEN)))
    check(C, "get_custom_statuses", lambda: len(p.get_custom_statuses(TOKEN)))
    folders(folder, me)
    tasks(folder, space, me)


def folders(folder, me):
    made = {}

    def subfolder():
        made["id"] = p.create_subfolder(folder["id"], "PyWrike folder", TOKEN)
        expect(made["id"] is not None, "not created")
    check(C, "create_subfolder", subfolder)
    check(C, "get_subfolder_id_by_name", lambda: expect(
        made.get("id") is not None and p.get_subfolder_id_by_name(folder["id"], "PyWrike folder", TOKEN) == made["id"],
        "not found"))
    check(C, "create_wrike_project", lambda: expect(
        p.create_wrike_project(TOKEN, folder["id"], "PyWrike project", me["id"], "2027-03-01", "2027-04-30") is not None,
        "not created"))

    def delete():
        p.delete_wrike_folder(TOKEN, folder["id"], "PyWrike folder")
        expect(raw("GET", f"/folders/{made.get('id')}")[0]["scope"] == "RbFolder", "not in the Recycle Bin")
    check(C, "delete_wrike_folder", delete)


def tasks(folder, space, me):
    made = {}

    def create():
        data = {"title": "PyWrike task", "importance": "High", "description": "from PyWrike",
                "start_date": "2027-03-01", "end_date": "2027-03-03"}
        t = p.create_task(folder["id"], space["id"], data, [me["id"]], TOKEN)
        expect(t is not None and t["dates"].get("due", "").startswith("2027-03-03"), f"got {t and t.get('dates')}")
        made["id"] = t["id"]
    check(C, "create_task (dates without a type)", create)
    if not made:
        return
    other = raw("GET", f"/spaces/{space['id']}/folders")[-1]["id"]

    def tag():
        p.update_task_with_tags(made["id"], other, TOKEN)
        expect(other in raw("GET", f"/tasks/{made['id']}")[0]["parentIds"], "not tagged")
    check(C, "update_task_with_tags (addParents)", tag)
    sub = raw("POST", f"/folders/{folder['id']}/tasks", json={"title": "PyWrike subtask"})[0]["id"]

    def parent():
        p.update_subtask_with_parent(sub, made["id"], TOKEN)
        expect(sub in raw("GET", f"/tasks/{made['id']}")[0]["subTaskIds"], "not a subtask")
    check(C, "update_subtask_with_parent (addSuperTasks)", parent)
