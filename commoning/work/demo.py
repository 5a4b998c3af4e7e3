"""Demo data of peer production: rules, a task board, contributions in every state, validated
credit, an earned maintainer role, a hidden spam entry, an artifact with history (two members
editing the same version, merged without losing either's work) and files (a drawing, a PDF),
and a fork; an amended contribution judged again, a judgement replaced by a later one, work
judged by the rules it was recorded under after they changed, and a recalled maintainer.
Everything is made through the same actions members use."""

from commoning.accounts.models import Account
from commoning.commons.models import Commons
from commoning.work import actions, artifact_actions, role_actions
from commoning.work.demo_files import cut_list_pdf, frame_drawing_png

PRESS = "Compressed Earth Block Press"
HANDBOOK = "Seed Saving Handbook"
SENSOR = "Open Soil Moisture Sensor"

GUIDE_V1 = "# Build guide\n\n1. Cut the steel stock for the frame.\n2. Weld the frame in the jig.\n"
GUIDE_V2 = GUIDE_V1 + "3. Mount the salvaged hydraulic cylinder.\n4. Bleed the hydraulics.\n"
GUIDE_V3 = GUIDE_V2.replace(
    "2. Weld the frame in the jig.", "2. Tack, check square, then weld the frame in the jig."
) + ("5. Press ten test blocks and log their strength.\n")
# Farah edits the second version while Alice saves the third: her save merges (no overlap).
GUIDE_SAFETY = GUIDE_V2.replace(
    "# Build guide\n", "# Build guide\n\nWear gloves and eye protection at every step.\n"
)


def _member(user) -> str:
    return Account.objects.get(user=user).member_id


def seed_peer_production(users: dict, commons: dict | None = None, progress=print) -> None:
    """Seed peer production on the demo commons (found by name when `commons` is not given)."""
    if commons is None:
        commons = {c.name: c for c in Commons.objects.all()}
    press, handbook, sensor = commons[PRESS], commons[HANDBOOK], commons[SENSOR]
    alice, bob, carol, dave, eve = (users[n] for n in ("alice", "bob", "carol", "dave", "eve"))
    farah, gus, hana = users["farah"], users["gus"], users["hana"]

    # The press is rules-led; its validation has no waiting window so the demo shows results.
    actions.publish_rules(
        alice,
        press.id,
        mode="rules-led",
        kinds=["coordination", "design", "materials", "testing", "writing"],
        min_approvals=2,
        objection_window_days=0,
        claim_days=14,
        maintainer_contributions=2,
        maintainer_approvals=1,
        inactivity_days=180,
    )
    actions.publish_rules(
        carol,
        handbook.id,
        mode="founder-led",
        kinds=["care", "translation", "writing"],
        min_approvals=2,
        objection_window_days=7,
        claim_days=21,
        maintainer_contributions=3,
        maintainer_approvals=1,
        inactivity_days=365,
    )
    jig = actions.create_task(
        alice,
        press.id,
        title="Weld the frame jig",
        kind="materials",
        description="A jig so every frame comes out square.",
    )
    schematic = actions.create_task(
        alice, press.id, title="Draw the hydraulic schematic", kind="design"
    )
    actions.create_task(
        alice,
        press.id,
        title="Test 500 blocks for compression strength",
        kind="testing",
        description="Use the lab press at the cooperative.",
    )
    actions.create_task(alice, press.id, title="Write chapter 3 of the build guide", kind="writing")
    actions.create_task(
        carol, handbook.id, title="Translate the tomato chapter to Portuguese", kind="translation"
    )
    actions.create_task(carol, handbook.id, title="Photograph seed heads at harvest", kind="care")
    actions.create_task(
        bob, sensor.id, title="Port the firmware to the new LoRa module", kind="code"
    )

    guide = artifact_actions.create_artifact(alice, press.id, title="Build guide", body=GUIDE_V1)
    second = artifact_actions.revise_artifact(
        gus, guide.id, commons_id=press.id, body=GUIDE_V2, note="Hydraulics steps"
    )
    artifact_actions.revise_artifact(
        alice, guide.id, commons_id=press.id, base=second.id, body=GUIDE_V3,
        note="Square the frame; test blocks",
    )
    artifact_actions.revise_artifact(
        farah, guide.id, commons_id=press.id, base=second.id, body=GUIDE_SAFETY,
        note="Safety first",
    )
    progress("farah's edit of an older version of the build guide merged with alice's")
    artifact_actions.attach_artifact_file(
        gus, guide.id, name="frame-drawing.png", body=frame_drawing_png(), media_type="image/png"
    )
    artifact_actions.attach_artifact_file(
        alice, guide.id, name="cut-list.pdf", body=cut_list_pdf(), media_type="application/pdf"
    )

    actions.claim_task(gus, jig.id)
    welding = actions.record_contribution(
        gus,
        press.id,
        kind="materials",
        effort_minutes=300,
        task=jig.id,
        description="Built the frame jig from scrap angle iron; photos in the workshop album.",
        evidence_url="https://example.org/workshop/jig-photos",
    )
    actions.attach_evidence(
        gus,
        welding.id,
        name="jig-cut-list.csv",
        body=b"part,stock,length_mm,count\nrail,40x40x4 angle,900,2\nbrace,40x40x4 angle,420,4\n",
        media_type="text/csv",
    )
    actions.validate(alice, welding.id, verdict="approve", reason="Checked it is square")
    actions.validate(farah, welding.id, verdict="approve", reason="Used it on Tuesday")
    steps = actions.record_contribution(
        gus,
        press.id,
        kind="writing",
        effort_minutes=120,
        revision=second.id,
        description="Wrote the hydraulics steps of the build guide.",
    )
    actions.validate(bob, steps.id, verdict="approve")
    actions.validate(hana, steps.id, verdict="approve", reason="Clear enough to follow")
    progress("gus earned maintainer of the press by its published rule")

    actions.claim_task(bob, schematic.id)
    drawing = actions.record_contribution(
        bob,
        press.id,
        kind="design",
        effort_minutes=240,
        task=schematic.id,
        description="Hydraulic schematic in KiCad, with part numbers.",
        evidence_url="https://example.org/press/schematic.pdf",
    )
    objection = actions.validate(
        farah, drawing.id, verdict="object", reason="The relief valve is missing"
    )
    actions.validate(gus, drawing.id, verdict="approve")
    actions.validate(dave, drawing.id, verdict="approve")
    actions.settle_objection(alice, objection, reason="Bob added the relief valve in version 2")
    # Bob amends the drawing: its judgement re-opens. Gus approves the new version; Dave's
    # approval was of the first one, so the page asks him to approve again.
    actions.amend_contribution(
        bob, drawing.id, evidence_url="https://example.org/press/schematic-v2.pdf",
        description="Hydraulic schematic in KiCad, with part numbers and the relief valve.",
    )
    actions.validate(gus, drawing.id, verdict="approve", reason="Relief valve is there now")
    actions.validate(farah, drawing.id, verdict="approve")

    spam = actions.record_contribution(
        hana,
        press.id,
        kind="testing",
        effort_minutes=600,
        description="Duplicate of the compression tests recorded on the sensor project.",
    )
    actions.hide_contribution(gus, spam.id, reason="Recorded twice by mistake; Hana agreed")

    translation = actions.record_contribution(
        eve,
        handbook.id,
        kind="translation",
        effort_minutes=180,
        description="Translated the bean chapter to Spanish.",
    )
    actions.validate(carol, translation.id, verdict="approve", reason="Read it with Dave")
    actions.validate(dave, translation.id, verdict="approve")
    actions.record_contribution(
        dave,
        handbook.id,
        kind="writing",
        effort_minutes=90,
        description="Wrote the section on isolation distances for squash.",
    )
    role_actions.appoint_maintainer(carol, handbook.id, _member(eve))
    role_actions.appoint_maintainer(carol, handbook.id, _member(dave))
    # Dave first approved, then objected: his later judgement replaces the earlier one.
    isolation = actions.record_contribution(
        eve,
        handbook.id,
        kind="writing",
        effort_minutes=45,
        description="Added a table of isolation distances for beans.",
    )
    actions.validate(dave, isolation.id, verdict="approve")
    actions.validate(dave, isolation.id, verdict="object", reason="Runner beans need more room")
    role_actions.recall_maintainer(
        carol, handbook.id, _member(dave), reason="Dave asked to step back for the season"
    )
    # The handbook's rules change; work recorded before keeps the rules it was recorded under.
    actions.publish_rules(
        carol,
        handbook.id,
        mode="founder-led",
        kinds=["care", "translation", "writing"],
        # Kinds of the farmers' own, beside the built-in ones.
        kind_labels={"field_trial": "Field trial", "seed_collection": "Seed collection"},
        min_approvals=3,
        objection_window_days=7,
        claim_days=21,
        maintainer_contributions=3,
        maintainer_approvals=1,
        inactivity_days=365,
    )
    actions.create_task(
        carol, handbook.id, title="Collect runner-bean seed from three growers",
        kind="seed_collection",
    )
    trial = actions.record_contribution(
        farah,
        handbook.id,
        kind="field_trial",
        effort_minutes=240,
        description="Grew the two tomato lines side by side through the wet August; blight notes "
        "per row.",
    )
    actions.validate(carol, trial.id, verdict="approve")
    actions.record_contribution(
        hana,
        handbook.id,
        kind="seed_collection",
        effort_minutes=90,
        description="Saved seed from twelve runner-bean plants, dried and labelled by grower.",
    )

    firmware = actions.record_contribution(
        bob,
        sensor.id,
        kind="code",
        effort_minutes=200,
        description="Deep-sleep mode: the probe now lasts a winter on one cell.",
    )
    actions.validate(hana, firmware.id, verdict="approve")
    actions.fork_commons(
        dave,
        handbook.id,
        name="Seed Saving Handbook (Nordic edition)",
        reason="Short seasons need their own chapters; we keep the credits and go our own way.",
    )
    progress("peer production: tasks, contributions, validations, roles, an artifact and a fork")
