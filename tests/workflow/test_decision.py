"""The decision (issue 10 §5, DESIGN.md §5 v2 `recognize` / `decline`), through the services and
the web pages: the decision number in the province's format, its date between acceptance and
today, the signer (name and authority), the provincial scope, and a written reason whenever
the leader goes against the council's recommendation — shown on the timeline."""

import unicodedata
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from common.exceptions import Conflict
from initiatives.models import Initiative
from tests.conftest import make_draft, today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog
from workflow.scenarios import advance

pytestmark = pytest.mark.django_db

VICE = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
AGAINST = "Trái với kiến nghị của Hội đồng"
# Scores below the rubric's pass mark: the council does not recommend recognition.
LOW_SCORES = {"novelty": 12, "applicability": 10, "benefit": 10}
REASON = "Sáng kiến đã được nhân rộng thực tế tại 12 xã, hiệu quả rõ hơn đánh giá của Hội đồng."


def recognize(initiative, actor, **overrides):
    values = dict(
        decision_number="125/QĐ-UBND",
        decision_date=today(),
        signer_name="Nguyễn Văn A",
        signer_authority="vice_chairman",
    )
    return services.initiative_recognize(initiative=initiative, actor=actor, **values | overrides)


def refusal(initiative, actor, **overrides) -> dict:
    """The problems of a refused recognize, {field: [messages]}; nothing was written."""
    with nothing_changes(initiative), pytest.raises(ValidationError) as error:
        recognize(initiative, actor, **overrides)
    return error.value.message_dict


def last_log(initiative):
    return TransitionLog.objects.filter(initiative=initiative).latest("id")


@pytest.fixture
def not_recommended(province):
    """A dossier awaiting the decision that the council did not recommend."""
    cast = province.cast(scores=LOW_SCORES)
    initiative = advance(make_draft(province), "awaiting_decision", cast)
    assert initiative.council_review.recommended is False
    return initiative


def dossier_page(client, user, initiative) -> str:
    client.force_login(user)
    url = reverse("workflow:detail", args=[initiative.pk])
    return client.get(url, headers={"accept-language": "vi"}).content.decode()


def transition_page(client, user, initiative, name, data=None):
    client.force_login(user)
    url = reverse("workflow:transition", args=[initiative.pk, name])
    headers = {"accept-language": "vi"}
    if data is None:
        return client.get(url, headers=headers).content.decode()
    return client.post(url, data, headers=headers, follow=True)


# --- The decision number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "125/QĐ-UBND",
        "  125/QĐ-UBND ",  # surrounding spaces only
        "125/Q\u00d0-UBND",  # Ð (eth, from a legacy encoding) for Đ
        "125/QD\u0336-UBND",  # D with a combining stroke
        "7/QĐ-UBND",
    ],
)
def test_numbers_in_the_province_format_are_stored_in_one_form(typed, at_state, province):
    initiative = recognize(at_state("awaiting_decision"), province.leader, decision_number=typed)
    initiative.refresh_from_db()
    assert initiative.status == "recognized"
    assert initiative.decision_number == typed.strip().replace("\u00d0", "Đ").replace(
        "D\u0336", "Đ"
    )
    assert last_log(initiative).data["decision_number"] == initiative.decision_number


@pytest.mark.parametrize(
    "typed",
    ["125/QD-UBND", "QĐ-UBND", "125/QĐ-UBND/2027", "125 /QĐ-UBND", "125/qđ-ubnd", "abc/QĐ-UBND"],
)
def test_numbers_outside_the_format_are_refused_with_an_example(typed, at_state, province):
    problems = refusal(at_state("awaiting_decision"), province.leader, decision_number=typed)
    assert set(problems) == {"decision_number"}
    assert "ví dụ: 125/QĐ-UBND" in problems["decision_number"][0]
    assert typed.strip() in problems["decision_number"][0]


def test_the_format_is_a_setting_compared_in_nfc(at_state, province, settings):
    settings.DECISION_NUMBER_PATTERN = unicodedata.normalize("NFD", r"^\d+/QĐ-UBND-Tỉnh$")
    settings.DECISION_NUMBER_EXAMPLE = "15/QĐ-UBND-Tỉnh"
    initiative = at_state("awaiting_decision")
    problems = refusal(initiative, province.leader, decision_number="125/QĐ-UBND")
    assert "ví dụ: 15/QĐ-UBND-Tỉnh" in problems["decision_number"][0]
    typed = unicodedata.normalize("NFD", "15/QĐ-UBND-Tỉnh")
    initiative = recognize(initiative, province.leader, decision_number=typed)
    assert initiative.decision_number == unicodedata.normalize("NFC", typed)


# --- The decision date: between the acceptance and today ------------------------------------


@pytest.fixture
def accepted_ten_days_ago(at_state):
    initiative = at_state("awaiting_decision")
    accepted = timezone.now() - timedelta(days=10)
    Initiative.objects.filter(pk=initiative.pk).update(accepted_at=accepted)
    return initiative, timezone.localdate(accepted)


@pytest.mark.parametrize("offset", [0, 5, 10], ids=["acceptance day", "between", "today"])
def test_dates_from_the_acceptance_day_to_today_are_accepted(
    offset, accepted_ten_days_ago, province
):
    initiative, accepted_on = accepted_ten_days_ago
    day = accepted_on + timedelta(days=offset)
    initiative = recognize(initiative, province.leader, decision_date=day)
    assert initiative.decision_date == day
    assert last_log(initiative).data["decision_date"] == day.isoformat()


def test_the_day_before_the_acceptance_is_refused(accepted_ten_days_ago, province):
    initiative, accepted_on = accepted_ten_days_ago
    problems = refusal(initiative, province.leader, decision_date=accepted_on - timedelta(days=1))
    assert problems["decision_date"] == [
        f"Ngày quyết định không thể trước ngày chấp nhận đơn ({accepted_on.strftime('%d/%m/%Y')})."
    ]


def test_tomorrow_is_refused(accepted_ten_days_ago, province):
    initiative, _accepted_on = accepted_ten_days_ago
    problems = refusal(initiative, province.leader, decision_date=today() + timedelta(days=1))
    assert problems["decision_date"] == ["Ngày quyết định không được sau ngày hiện tại."]


# --- The signer ---------------------------------------------------------------------------------


def test_the_signer_is_recorded_with_the_decision_and_the_log(at_state, province):
    initiative = recognize(
        at_state("awaiting_decision"), province.leader, signer_name=" Nguyễn Văn A "
    )
    initiative.refresh_from_db()
    assert (initiative.signer_name, initiative.signer_authority) == (
        "Nguyễn Văn A",
        "vice_chairman",
    )
    assert initiative.signature == f"{VICE} Nguyễn Văn A"
    assert last_log(initiative).data == {
        "decision_number": "125/QĐ-UBND",
        "decision_date": today().isoformat(),
        "signer_name": "Nguyễn Văn A",
        "signer_authority": "vice_chairman",
        "scope": "provincial",
        "against_council": False,
    }


def test_the_chairman_signs_himself(at_state, province):
    initiative = recognize(
        at_state("awaiting_decision"), province.leader, signer_authority="chairman"
    )
    assert initiative.signature == "CHỦ TỊCH Nguyễn Văn A"


def test_signer_name_and_authority_are_each_required(at_state, province):
    problems = refusal(
        at_state("awaiting_decision"), province.leader, signer_name="  ", signer_authority=""
    )
    assert set(problems) == {"signer", "signer_authority"}
    assert problems["signer"] == ["Vui lòng nhập họ tên người ký quyết định."]
    assert VICE in problems["signer_authority"][0] and "CHỦ TỊCH" in problems["signer_authority"][0]


def test_an_unknown_authority_is_refused(at_state, province):
    problems = refusal(at_state("awaiting_decision"), province.leader, signer_authority="governor")
    assert set(problems) == {"signer_authority"}


def test_every_problem_is_named_at_once(at_state, province):
    problems = refusal(
        at_state("awaiting_decision"), province.leader, decision_number="", decision_date=None,
        signer_name="", signer_authority="", scope="national",
    )  # fmt: skip
    assert set(problems) == {
        "decision_number", "decision_date", "signer", "signer_authority", "scope",
    }  # fmt: skip


# --- The scope: the provincial track decides provincial scope --------------------------------


@pytest.mark.parametrize("scope", ["", "provincial"])
def test_provincial_scope_is_the_default_and_the_only_one(scope, at_state, province):
    initiative = recognize(at_state("awaiting_decision"), province.leader, scope=scope)
    initiative.refresh_from_db()
    assert initiative.scope == "provincial"
    assert initiative.get_scope_display() == "Cấp tỉnh"


@pytest.mark.parametrize(
    "scope, words",
    [
        ("agency", "thủ trưởng đơn vị"),
        ("national", "quyết định của Bộ"),
        ("district", "cấp tỉnh"),
    ],
)
def test_other_scopes_are_refused_with_the_reason(scope, words, at_state, province):
    problems = refusal(at_state("awaiting_decision"), province.leader, scope=scope)
    assert set(problems) == {"scope"}
    assert words in problems["scope"][0]


# --- Actor and state ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "staff", "head"])
def test_only_the_leader_recognizes(who, at_state, province):
    initiative = at_state("awaiting_decision")
    with nothing_changes(initiative), pytest.raises(PermissionDenied):
        recognize(initiative, getattr(province, who))


def test_recognize_from_the_wrong_state_is_a_conflict(at_state, province):
    initiative = at_state("council_review")
    with nothing_changes(initiative), pytest.raises(Conflict):
        recognize(initiative, province.leader)


# --- Against the council's recommendation ------------------------------------------------------


def test_recognizing_what_the_council_did_not_recommend_needs_a_reason(not_recommended, province):
    problems = refusal(not_recommended, province.leader)
    assert set(problems) == {"comment"}
    assert "Hội đồng không kiến nghị công nhận" in problems["comment"][0]
    assert "phải nêu lý do" in problems["comment"][0]
    assert refusal(not_recommended, province.leader, comment="   ") == problems


def test_the_reason_is_recorded_as_going_against_the_council(not_recommended, province, client):
    initiative = recognize(not_recommended, province.leader, comment=REASON)
    log = last_log(initiative)
    assert initiative.status == "recognized"
    assert log.data["against_council"] is True and log.comment == REASON
    html = dossier_page(client, province.staff, initiative)
    entry = html[html.index('data-transition="recognize"') :]
    entry = entry[: entry.index("</li>")]
    assert AGAINST in entry and REASON in entry
    assert f"Người ký: {VICE} Nguyễn Văn A" in entry


def test_a_recommended_dossier_is_recognized_without_a_comment(at_state, province, client):
    initiative = recognize(at_state("awaiting_decision"), province.leader)
    assert last_log(initiative).data["against_council"] is False
    html = dossier_page(client, province.leader, initiative)
    assert AGAINST not in html
    assert f"Người ký: {VICE} Nguyễn Văn A" in html  # the timeline
    decision = html[html.index('id="decision"') :]
    assert f"{VICE} Nguyễn Văn A" in decision[: decision.index("</section>")]


def test_declining_what_the_council_recommended_says_so(at_state, province, client):
    initiative = at_state("awaiting_decision")
    with nothing_changes(initiative), pytest.raises(ValidationError) as error:
        services.initiative_decline(initiative=initiative, actor=province.leader)
    message = error.value.message_dict["comment"][0]
    assert "Hội đồng đã kiến nghị công nhận" in message
    assert "trái với kiến nghị của Hội đồng" in message

    initiative = services.initiative_decline(
        initiative=initiative, actor=province.leader, comment="Chưa chứng minh được hiệu quả."
    )
    assert last_log(initiative).data == {"against_council": True}
    html = dossier_page(client, province.staff, initiative)
    entry = html[html.index('data-transition="decline"') :]
    assert AGAINST in entry[: entry.index("</li>")]


def test_declining_what_the_council_did_not_recommend_asks_only_for_reasons(
    not_recommended, province
):
    with nothing_changes(not_recommended), pytest.raises(ValidationError) as error:
        services.initiative_decline(initiative=not_recommended, actor=province.leader)
    assert error.value.message_dict["comment"] == ["Vui lòng nêu lý do không công nhận."]
    initiative = services.initiative_decline(
        initiative=not_recommended, actor=province.leader, comment="Không đạt điểm."
    )
    assert last_log(initiative).data == {"against_council": False}


# --- The web pages --------------------------------------------------------------------------------


def test_recognize_page_shows_the_council_advice_above_the_fields(at_state, province, client):
    html = transition_page(client, province.leader, at_state("awaiting_decision"), "recognize")
    advice = html.index('id="council-advice"')
    assert advice < html.index('id="transition-form"')
    assert "Hội đồng kiến nghị công nhận sáng kiến (3/3 thành viên đồng ý)." in html
    assert 'id="against-council-notice"' not in html
    for value in ("chairman", "vice_chairman"):
        assert f'value="{value}"' in html
    assert "CHỦ TỊCH" in html and VICE in html
    assert "Ví dụ: 125/QĐ-UBND" in html
    # The provincial leader decides provincial scope only: no other level is offered.
    assert 'value="provincial"' in html
    assert 'value="agency"' not in html and 'value="national"' not in html


def test_recognize_page_warns_against_the_council(not_recommended, province, client):
    html = transition_page(client, province.leader, not_recommended, "recognize")
    # Every member agreed, but the scores fall short of the pass mark.
    assert "Hội đồng không kiến nghị công nhận sáng kiến (3/3 thành viên đồng ý)." in html
    notice = html.index('id="against-council-notice"')
    assert notice < html.index('id="transition-form"')
    assert "Lý do công nhận trái với kiến nghị của Hội đồng" in html  # the comment's label

    form = {"decision_number": "125/QĐ-UBND", "decision_date": today().strftime("%d/%m/%Y"),
            "signer": "Nguyễn Văn A", "signer_authority": "vice_chairman"}  # fmt: skip
    with nothing_changes(not_recommended):
        response = transition_page(client, province.leader, not_recommended, "recognize", form)
    html = response.content.decode()
    block = html[html.index('id="div_id_comment"') :]
    assert "Hội đồng không kiến nghị công nhận sáng kiến này" in block
    assert "Nguyễn Văn A" in html  # what was typed is kept

    response = transition_page(
        client, province.leader, not_recommended, "recognize", form | {"comment": REASON}
    )
    html = response.content.decode()
    not_recommended.refresh_from_db()
    assert not_recommended.status == "recognized"
    assert AGAINST in html and REASON in html


def test_recognize_page_names_a_badly_numbered_decision(at_state, province, client):
    initiative = at_state("awaiting_decision")
    form = {"decision_number": "125/QD-UBND", "decision_date": today().strftime("%d/%m/%Y"),
            "signer": "Nguyễn Văn A", "signer_authority": "chairman"}  # fmt: skip
    with nothing_changes(initiative):
        response = transition_page(client, province.leader, initiative, "recognize", form)
    html = response.content.decode()
    block = html[
        html.index('id="div_id_decision_number"') : html.index('id="div_id_decision_date"')
    ]
    assert "ví dụ: 125/QĐ-UBND" in block and "is-invalid" in block


def test_recognize_page_refuses_another_scope(at_state, province, client):
    initiative = at_state("awaiting_decision")
    form = {"decision_number": "125/QĐ-UBND", "decision_date": today().strftime("%d/%m/%Y"),
            "signer": "Nguyễn Văn A", "signer_authority": "chairman",
            "scope": "national"}  # fmt: skip
    with nothing_changes(initiative):
        response = transition_page(client, province.leader, initiative, "recognize", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "is-invalid" in html[html.index('id="div_id_scope"') :]


def test_recognize_page_requires_the_signer(at_state, province, client):
    initiative = at_state("awaiting_decision")
    form = {"decision_number": "125/QĐ-UBND", "decision_date": today().strftime("%d/%m/%Y")}
    with nothing_changes(initiative):
        response = transition_page(client, province.leader, initiative, "recognize", form)
    html = response.content.decode()
    assert "is-invalid" in html[html.index('id="div_id_signer"') : html.index('id="div_id_scope"')]


def test_decline_page_warns_against_the_council(at_state, province, client):
    html = transition_page(client, province.leader, at_state("awaiting_decision"), "decline")
    assert 'id="against-council-notice"' in html
    assert "Không công nhận là trái với kiến nghị của Hội đồng" in html
    assert "Lý do không công nhận trái với kiến nghị của Hội đồng" in html


def test_decline_page_of_a_dossier_the_council_did_not_recommend(not_recommended, province, client):
    html = transition_page(client, province.leader, not_recommended, "decline")
    assert 'id="council-advice"' in html and 'id="against-council-notice"' not in html


def test_recognize_page_is_the_leaders(at_state, province, client):
    initiative = at_state("awaiting_decision")
    client.force_login(province.reviewer)
    response = client.get(reverse("workflow:transition", args=[initiative.pk, "recognize"]))
    assert response.status_code == 403


def test_a_mistyped_pattern_is_a_system_check_error(settings):
    from workflow.decisions import decision_number_pattern_compiles

    assert decision_number_pattern_compiles(None) == []
    settings.DECISION_NUMBER_PATTERN = r"^\d+/QĐ-UBND($"
    [error] = decision_number_pattern_compiles(None)
    assert error.id == "workflow.E001"
