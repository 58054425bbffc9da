"""A company's customer notes for a system with a key (notes:read): the same reading as the
notes page (visibility.notes_for), with the client's organisation as the viewer, so the
same basis rules decide and every read of another organisation's notes is in the access
log."""

from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.response import Response

from .. import visibility
from ..models import AccessLogEntry, CustomerNote, Scope
from ..selectors import company_for_responsibility
from ..services.api_clients import api_client_viewer
from .companies import business_id_or_400
from .keys import KeyedView


class NoteSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    basis = serializers.ChoiceField(
        choices=["own", *AccessLogEntry.Basis.values],
        help_text="Millä perusteella merkintä näytetään: oma organisaatio (own), yhteiset "
        "asiakkaat (shared) tai asiakkaan suostumus (consent).",
    )

    class Meta:
        model = CustomerNote
        fields = ["organisation", "kind", "text", "created_at", "basis"]


class WithheldSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Tietojen omistajan tunnus.")
    kind = serializers.CharField(help_text="Tietojen laji kielellä.")
    reason = serializers.CharField(help_text="Miksi tiedot eivät näy, pyydetyllä kielellä.")


class NotesSerializer(serializers.Serializer):
    business_id = serializers.CharField()
    notes = NoteSerializer(many=True, read_only=True)
    withheld = WithheldSerializer(many=True, read_only=True)


def _basis(note, organisation, consent):
    if note.organisation_id == organisation.pk:
        return "own"
    return AccessLogEntry.Basis.CONSENT if consent else AccessLogEntry.Basis.SHARED


class CompanyNotes(KeyedView, generics.GenericAPIView):
    """The company's notes the client's organisation may read: its own, and another
    organisation's on the basis of shared customers or the customer's consent (Finnvera's
    only with a consent its own staff recorded or confirmed); each read of another
    organisation's notes is written to the access log."""

    serializer_class = NotesSerializer
    required_scope = Scope.NOTES_READ
    pagination_class = None

    def get(self, request, business_id):
        company = company_for_responsibility(business_id_or_400(business_id))
        if company is None:
            raise Http404
        client = request.auth.client
        organisation = client.organisation
        view = visibility.notes_for(
            user=api_client_viewer(client), organisation=organisation, company=company
        )
        for note, _label, consent in view.visible:
            note.basis = _basis(note, organisation, consent)
        data = {
            "business_id": company.business_id,
            "notes": [note for note, _label, _consent in view.visible],
            "withheld": [
                {"organisation": owner.code, "kind": str(kind), "reason": str(reason)}
                for owner, kind, reason in view.refused
            ],
        }
        return Response(self.get_serializer(data).data)
