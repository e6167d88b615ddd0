"""Admin URLs that name an image, a document or a snippet answer only for what the user may see.

Wagtail's bulk actions list every id they are given, those the user may not act on under
"You don't have permission to…" with their titles, and the image chooser's format step shows
any image. Ids are sequential, so another team's whole library (whose titles often name an
unpublished story) could be read one id after another. Here every id such a view is given
(in its path, or in ``?id=``) must be one the user already sees in their listings and
choosers: an image or document in a collection they may change or choose from, a snippet of
a kind they hold any permission on. Anything else is not found (404), so nothing is named and
nothing tells an id that exists from one that does not."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as documents_policy
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as images_policy
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin

# Path arguments that hold the id of the view's image, document or snippet. (Not
# ``uploaded_file_id``: an upload in progress, which Wagtail checks against its uploader.)
OBJECT_ID_KWARGS = ("pk", "image_id", "document_id", "doc_id")
# What a user who may see an object may do with it: its listing shows what they may change
# or delete, its chooser what they may choose; a snippet's listing needs any permission.
COLLECTION_ACTIONS = ["change", "delete", "choose"]
MODEL_ACTIONS = ["add", "change", "delete", "view"]
# Function views (no view class to name their model), by URL namespace.
NAMESPACE_MODELS = {"wagtailimages": get_image_model, "wagtaildocs": get_document_model}


def _model_of(match):
    """The image, document or snippet model a resolved admin URL acts on, or None."""
    if match.url_name == "wagtail_bulk_action":
        try:
            return apps.get_model(match.kwargs["app_label"], match.kwargs["model_name"])
        except LookupError:
            return None
    model = getattr(match.func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(match.func, "view_class", None), "model", None)
    if isinstance(model, str):
        model = apps.get_model(model)
    if not isinstance(model, type) and match.namespace in NAMESPACE_MODELS:
        # A function view, or a view class whose model is a property of its instances.
        model = NAMESPACE_MODELS[match.namespace]()
    return model if isinstance(model, type) else None


def _permission_policy(model, match):
    if model is None or issubclass(model, Page):
        return None  # pages: teams.guard checks them against the user's sites
    if issubclass(model, get_image_model()):
        return images_policy
    if issubclass(model, get_document_model()):
        return documents_policy
    if hasattr(model, "snippet_viewset"):
        return model.snippet_viewset.permission_policy
    if match.url_name == "wagtail_bulk_action":
        kwargs = match.kwargs
        action = bulk_action_registry.get_bulk_action_class(kwargs["app_label"], kwargs["model_name"], kwargs["action"])
        return getattr(action, "permission_policy", None) or ModelPermissionPolicy(model)
    return None


def _ids(match, request, model):
    values = [str(match.kwargs[name]) for name in OBJECT_ID_KWARGS if name in match.kwargs]
    if match.url_name in ("wagtail_bulk_action", "chosen_multiple"):
        values += request.GET.getlist("id")
    try:
        return {model._meta.pk.to_python(value) for value in values if value != "all"}
    except ValidationError:
        raise Http404(f"Not a {model._meta.verbose_name} id.") from None


def collection_media_visible_to(user, policy):
    """The images or documents (by their ``policy``) that ``user`` sees in listings and choosers."""
    return policy.instances_user_has_any_permission_for(user, COLLECTION_ACTIONS)


def refuse_objects_out_of_sight(request, match):
    """Raise Http404 if the admin view of ``match`` is given an image, document or snippet id
    that ``request.user`` (no superuser) may not see."""
    model = _model_of(match)
    policy = _permission_policy(model, match)
    if policy is None:
        return
    actions = COLLECTION_ACTIONS if isinstance(policy, CollectionPermissionLookupMixin) else MODEL_ACTIONS
    visible = policy.instances_user_has_any_permission_for(request.user, actions)
    ids = _ids(match, request, model)
    if "all" in request.GET.getlist("id") and not visible.exists():
        # Select-all: Wagtail lists a snippet's every row, whoever asks.
        raise Http404(f"No {model._meta.verbose_name_plural} to act on.")
    if ids and visible.filter(pk__in=ids).count() != len(ids):
        raise Http404(f"No such {model._meta.verbose_name}.")
