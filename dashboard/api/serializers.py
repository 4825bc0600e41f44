"""Serializers of the read-only API. Money is a decimal string in 万元."""

from rest_framework import serializers

from projects.models import Campaign, Project
from scoring.models import WeeklyScore


class CampaignSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")

    class Meta:
        model = Campaign
        fields = [
            "id",
            "year",
            "name",
            "region",
            "investment_target",
            "production_target",
            "accelerate_target",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="campaign.year")
    unit = serializers.CharField(source="unit.name")
    leader = serializers.CharField(source="leader.name")
    # The latest change in the project's history (dashboard.api.feed); null when it has none.
    changed_at = serializers.DateTimeField(read_only=True, default=None)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "campaign",
            "category",
            "unit",
            "leader",
            "target",
            "stage",
            "total_investment",
            "annual_plan",
            "ytd_investment",
            "card",
            "changed_at",
        ]


class ItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    points = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=5, decimal_places=2)
    note = serializers.CharField()
    inputs = serializers.DictField()


class TriggerSerializer(serializers.Serializer):
    key = serializers.CharField()
    note = serializers.CharField()


class BreakdownSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=5, decimal_places=2)
    card = serializers.CharField()
    card_note = serializers.CharField(allow_blank=True)
    exempt = serializers.BooleanField()
    items = ItemSerializer(many=True)
    triggers = TriggerSerializer(many=True)


class WeeklyScoreSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code")
    week = serializers.CharField(source="week_label")
    rubric_version = serializers.IntegerField(source="rubric_version.number")
    breakdown = BreakdownSerializer()

    class Meta:
        model = WeeklyScore
        fields = [
            "id",
            "project",
            "project_code",
            "week",
            "total",
            "card",
            "exempt",
            "rubric_version",
            "scored_at",
            "breakdown",
        ]


class StandingSerializer(serializers.Serializer):
    key = serializers.IntegerField(source="standing.key")
    name = serializers.CharField()
    rank = serializers.IntegerField(source="standing.rank", allow_null=True)
    previous_rank = serializers.IntegerField(source="standing.previous_rank", allow_null=True)
    change = serializers.IntegerField(allow_null=True)
    score = serializers.DecimalField(
        source="standing.score", max_digits=5, decimal_places=2, allow_null=True
    )
