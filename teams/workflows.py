"""Moderation: a site's editors submit, its moderators approve.

Every site gets a workflow "<Site> moderation" with one step, "<Site> moderators approve"
(a group approval task for the site's moderators), assigned to the site's root page. Editors
cannot publish, so a story reaches the public only once a moderator of its site approves it;
the moderators are emailed when a story is submitted.

A coalition's assignment is enforced: running this again puts the workflow back if the
coalition's root no longer asks its moderators. The default site's (CIPC's) is created once
and then left to the admin (Settings → Workflows), who may add steps or assign another
workflow to CIPC's home page.
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask


def _approval_task(label, moderators):
    task = GroupApprovalTask.objects.filter(groups=moderators).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{label} moderators approve")
        task.groups.set([moderators])
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return task


def _workflow_with(task, label):
    workflow = Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=f"{label} moderation")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


def _asks_moderators(workflow, moderators):
    return (
        workflow.active
        and workflow.workflow_tasks.filter(task__active=True, task__groupapprovaltask__groups=moderators).exists()
    )


def ensure_site_workflow(site, moderators, label):
    """Make sure ``site``'s stories, in every language, need approval by ``moderators``;
    returns the workflow in force."""
    assigned = WorkflowPage.objects.filter(page_id=site.root_page_id).select_related("workflow").first()
    if assigned and (site.is_default_site or _asks_moderators(assigned.workflow, moderators)):
        workflow = assigned.workflow
    else:
        workflow = _workflow_with(_approval_task(label, moderators), label)
        WorkflowPage.objects.update_or_create(page_id=site.root_page_id, defaults={"workflow": workflow})
    _same_workflow_for_translations(site, workflow, moderators)
    return workflow


def _same_workflow_for_translations(site, workflow, moderators):
    """A translation of the site's root is the root of its own tree (/es/…): Wagtail finds a
    page's workflow on its ancestors, so each root translation gets the site's workflow too.
    The default site's translations keep a workflow the admin assigned them, as its root does."""
    for root in site.root_page.get_translations():
        assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if assigned and (site.is_default_site or _asks_moderators(assigned.workflow, moderators)):
            continue
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
