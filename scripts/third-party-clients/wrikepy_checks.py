"""WrikePy 1.0.4 (PyPI `WrikePy`, T. Goers): one class per API section, parameters urlencoded into the
query string (`+` for spaces), no request bodies, writes included."""
import json

from WrikePy import (Account, Colors, Comments, Contacts, CustomFields, Dependencies, FoldersProjects, Groups, IDs,
                     Spaces, Tasks, TimelogCategories, Timelogs, Users, Version, Workflows, Wrike)

from harness import BASE, TODAY, TOKEN, check, expect, ok, raw

C = "WrikePy"


def run(ctx):
    w = Wrike(BASE, TOKEN)
    me, space, folder, task = ctx["me"]["id"], ctx["space"]["id"], ctx["folder"]["id"], ctx["task"]["id"]
    contacts(w, me, ctx["group"]["id"])
    folders(w, space, folder)
    new_task = tasks(w, space, folder, me)
    comments(w, new_task or task, folder)
    timelogs(w, new_task or task, folder, me, ctx["category"]["id"])
    dependencies(w, folder)
    misc(w, task)


def contacts(w, me, group):
    check(C, "contacts ?me=true", lambda: expect(ok(Contacts(w, parameters={"me": "true"}).query__contacts())[0]["id"] == me,
                                               "not me"))
    check(C, "contacts fields=[\"metadata\"]",
          lambda: len(ok(Contacts(w, parameters={"fields": '["metadata"]'}).query__contacts())))
    check(C, "contacts/{id}", lambda: ok(Contacts(w, ids=[me]).query__contacts_contactIds())[0]["id"])
    meta = json.dumps([{"key": "client", "value": "WrikePy 1.0.4"}])
    check(C, "PUT contacts/{me} metadata", lambda: expect(
        {"key": "client", "value": "WrikePy 1.0.4"} in ok(Contacts(w, ids=me, parameters={"metadata": meta}).update__contacts_contactId())[0]["metadata"],
        "metadata not stored with its space"))
    check(C, "users/{id}", lambda: ok(Users(w, ids=me).query__users_userId())[0]["firstName"])
    check(C, "groups", lambda: expect(group in [g["id"] for g in ok(Groups(w).query__groups())], "group missing"))
    check(C, "groups/{id}", lambda: ok(Groups(w, ids=group).query__groups_groupId())[0]["title"])


def folders(w, space, folder):
    check(C, "folders (tree)", lambda: expect(ok(FoldersProjects(w).query_folders())[0]["scope"] == "WsRoot", "no Root first"))
    check(C, "spaces/{id}/folders", lambda: len(ok(FoldersProjects(w, ids=space).query__spaces_spaceId_folders())))
    check(C, "spaces/{id}/folders?project=true", lambda: expect(
        all(f.get("description") == "" for f in ok(FoldersProjects(w, ids=space, parameters={"project": "true"}).query__spaces_spaceId_folders())),
        "description is not \"\""))
    check(C, "folders/{id}/folders", lambda: ok(FoldersProjects(w, ids=folder).query__folders_folderId_folders())[0]["id"])
    check(C, "folders/{ids}", lambda: ok(FoldersProjects(w, ids=[folder]).query_folders_folderIds())[0]["title"])
    made = {}

    def create():
        f = ok(FoldersProjects(w, ids=folder, parameters={"title": "From WrikePy", "description": "made elsewhere"}).create__folders_folderId_folders())[0]
        expect(f["title"] == "From WrikePy" and folder in f["parentIds"], f"got {f['title']!r}")
        made["id"] = f["id"]
    check(C, "POST folders/{id}/folders", create)
    project = json.dumps({"ownerIds": [], "startDate": "2027-01-04", "endDate": "2027-02-05"})
    check(C, "POST folders/{id}/folders project", lambda: expect(
        ok(FoldersProjects(w, ids=folder, parameters={"title": "Project from WrikePy", "project": project}).create__folders_folderId_folders())[0]["project"]["endDate"] == "2027-02-05",
        "no project"))
    if made:
        check(C, "PUT folders/{id}", lambda: expect(
            ok(FoldersProjects(w, ids=made["id"], parameters={"title": "Renamed by WrikePy"}).update__folders_folderId())[0]["title"] == "Renamed by WrikePy",
            "not renamed"))
        check(C, "DELETE folders/{id}", lambda: expect(
            ok(FoldersProjects(w, ids=made["id"]).delete__folders_folderId())[0]["scope"] == "RbFolder", "not in the Recycle Bin"))
    check(C, "spaces", lambda: len(ok(Spaces(w).query__spaces())))
    check(C, "spaces/{id}?fields=[\"members\"]", lambda: expect(
        "members" in ok(Spaces(w, ids=space, parameters={"fields": '["members"]'}).query__spaces_spaceId())[0], "no members"))


def tasks(w, space, folder, me):
    fields = json.dumps(["responsibleIds", "subTaskIds"])  # '["responsibleIds", "subTaskIds"]': urlencoded with a +
    check(C, "tasks fields=[…] with a space", lambda: expect(
        all("subTaskIds" in t for t in ok(Tasks(w, parameters={"pageSize": 5, "fields": fields}).query__tasks())), "fields ignored"))
    check(C, "folders/{id}/tasks", lambda: len(ok(Tasks(w, ids=folder, parameters={"subTasks": "true"}).query__folders_folderId_tasks())))
    check(C, "spaces/{id}/tasks", lambda: len(ok(Tasks(w, ids=space).query__spaces_spaceId_tasks())))
    made = {}

    def create():
        params = {"title": "Task from WrikePy", "importance": "High", "responsibles": json.dumps([me]),
                  "dates": json.dumps({"type": "Planned", "start": "2027-01-04", "due": "2027-01-06"})}
        t = ok(Tasks(w, ids=folder, parameters=params).create__folders_folderId_tasks())[0]
        expect(t["title"] == "Task from WrikePy" and t["responsibleIds"] == [me], f"got {t['title']!r} {t['responsibleIds']}")
        made["id"] = t["id"]
    check(C, "POST folders/{id}/tasks", create)
    if not made:
        return None
    tid = made["id"]
    check(C, "tasks/{ids}", lambda: ok(Tasks(w, ids=[tid]).query__tasks_taskIds())[0]["dates"]["due"])
    check(C, "PUT tasks/{id}", lambda: expect(
        ok(Tasks(w, ids=tid, parameters={"title": "Edited by WrikePy", "status": "Completed"}).update__tasks_taskId())[0]["status"] == "Completed",
        "not completed"))
    check(C, "PUT tasks/{ids}", lambda: len(ok(Tasks(w, ids=[tid], parameters={"removeResponsibles": json.dumps([me])}).update__tasks_taskIds())))
    return tid


def comments(w, task, folder):
    made = {}

    def create():
        c = ok(Comments(w, ids=task, parameters={"text": "From WrikePy", "plainText": "true"}).create__tasks_taskId_comments())[0]
        expect(c["text"] == "From WrikePy", f"stored {c['text']!r}")
        made["id"] = c["id"]
    check(C, "POST tasks/{id}/comments text=From+WrikePy", create)
    check(C, "tasks/{id}/comments", lambda: expect(
        "From WrikePy" in [c["text"] for c in ok(Comments(w, ids=task, parameters={"plainText": "true"}).query__tasks_taskId_comments())],
        "comment missing"))
    check(C, "comments (no date range)", lambda: expect(
        made.get("id") in [c["id"] for c in ok(Comments(w).query__comments())], "new comment missing"))
    check(C, "POST folders/{id}/comments", lambda: ok(Comments(w, ids=folder, parameters={"text": "On the folder"}).create__folders_folderId_comments())[0]["id"])
    check(C, "folders/{id}/comments", lambda: len(ok(Comments(w, ids=folder).query__folders_folderId_comments())))
    if made:
        check(C, "comments/{ids}", lambda: ok(Comments(w, ids=[made["id"]]).query__comments_commentIds())[0]["id"])
        check(C, "PUT comments/{id}", lambda: expect(
            ok(Comments(w, ids=made["id"], parameters={"text": "Edited by WrikePy", "plainText": "true"}).update__comments_commentId())[0]["text"] == "Edited by WrikePy",
            "not edited"))
        check(C, "DELETE comments/{id}", lambda: ok(Comments(w, ids=made["id"]).delete__comments_commentId()) == [] or "deleted")


def timelogs(w, task, folder, me, category):
    made = {}

    def create():
        params = {"hours": 1.5, "trackedDate": TODAY, "comment": "From WrikePy", "categoryId": category}
        t = ok(Timelogs(w, ids=task, parameters=params).create__tasks_taskId_timelogs())[0]
        expect(t["hours"] == 1.5 and t["comment"] == "From WrikePy", f"got {t['hours']} {t['comment']!r}")
        made["id"] = t["id"]
    check(C, "POST tasks/{id}/timelogs", create)
    today = json.dumps({"start": f"{TODAY}T00:00:00Z", "end": f"{TODAY}T23:59:59Z"})
    check(C, "timelogs trackedDate (timestamps)", lambda: expect(
        made.get("id") in [t["id"] for t in ok(Timelogs(w, parameters={"me": "true", "trackedDate": today}).query__timelogs())],
        "today's log missing"))
    check(C, "tasks/{id}/timelogs", lambda: len(ok(Timelogs(w, ids=task).query__tasks_taskId_timelogs())))
    check(C, "folders/{id}/timelogs", lambda: len(ok(Timelogs(w, ids=folder).query__folders_folderId_timelogs())))
    check(C, "contacts/{id}/timelogs", lambda: len(ok(Timelogs(w, ids=me).query__contacts_contactId_timelogs())))
    check(C, "timelog_categories/{id}/timelogs", lambda: expect(
        made.get("id") in [t["id"] for t in ok(Timelogs(w, ids=category).query__timelog_categories_categoryId_timelogs())],
        "log missing"))
    check(C, "timelog_categories", lambda: len(ok(TimelogCategories(w).query__timelog_categories())))
    if made:
        check(C, "timelogs/{ids}", lambda: ok(Timelogs(w, ids=[made["id"]]).query__timelogs_timelogIds())[0]["id"])
        check(C, "PUT timelogs/{id}", lambda: expect(
            ok(Timelogs(w, ids=made["id"], parameters={"hours": 2}).update__timelogs_timelogId())[0]["hours"] == 2, "not 2 h"))
        check(C, "DELETE timelogs/{id}", lambda: ok(Timelogs(w, ids=made["id"]).delete__timelogs_timelogId()) == [] or "deleted")


def dependencies(w, folder):
    dated = json.dumps({"type": "Planned", "start": "2027-02-01", "due": "2027-02-03"})
    ids = []
    for title in ("Before (WrikePy)", "After (WrikePy)"):
        r = Tasks(w, ids=folder, parameters={"title": title, "dates": dated}).create__folders_folderId_tasks()
        if r.status_code == 200:
            ids.append(r.json()["data"][0]["id"])
    if len(ids) < 2:
        check(C, "dependencies (two dated tasks)", lambda: expect(False, "could not create the tasks"))
        return
    made = {}

    def create():
        d = ok(Dependencies(w, ids=ids[1], parameters={"predecessorId": ids[0]}).create__tasks_taskId_dependencies())[0]
        expect(d["predecessorId"] == ids[0] and d["successorId"] == ids[1], "wrong ends")
        made["id"] = d["id"]
    check(C, "POST tasks/{id}/dependencies", create)
    check(C, "tasks/{id}/dependencies", lambda: len(ok(Dependencies(w, ids=ids[0]).query__tasks_taskId_dependencies())))
    if made:
        check(C, "dependencies/{ids}", lambda: ok(Dependencies(w, ids=[made["id"]]).query__dependencies_dependencyIds())[0]["relationType"])
        check(C, "PUT dependencies/{id}", lambda: expect(
            ok(Dependencies(w, ids=made["id"], parameters={"relationType": "StartToStart"}).update__dependencies_dependencyId())[0]["relationType"] == "StartToStart",
            "not changed"))
        check(C, "DELETE dependencies/{id}", lambda: ok(Dependencies(w, ids=made["id"]).delete__dependencies_dependencyId()) is not None and "deleted")
    check(C, "DELETE tasks/{id}", lambda: expect(ok(Tasks(w, ids=ids[0]).delete__tasks_taskId())[0]["scope"] == "RbTask", "not deleted"))


def misc(w, task):
    check(C, "account", lambda: ok(Account(w).query__account())[0]["rootFolderId"])
    check(C, "workflows", lambda: len(ok(Workflows(w).query__workflows())))
    check(C, "customfields", lambda: len(ok(CustomFields(w).query__customfields())))
    check(C, "version", lambda: ok(Version(w).query__version())[0]["major"])
    check(C, "colors", lambda: len(ok(Colors(w).query__colors())))
    permalink = raw("GET", f"/tasks/{task}")[0]["permalink"]
    legacy = permalink.split("id=")[-1]
    check(C, "ids?type=ApiV2Task", lambda: expect(
        ok(IDs(w, parameters={"type": "ApiV2Task", "ids": f"[{legacy}]"}).query__ids())[0]["id"] == task, "wrong id"))
