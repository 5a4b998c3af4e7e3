"""Shared set-up for conversation tests: one of each subject kind, and a second network."""

from dataclasses import dataclass

from commoning import testing
from commoning.work import actions as work_actions
from commoning.work import artifact_actions
from commoning.work.tests.helpers import rules_led_commons


@dataclass
class Subjects:
    commons: object
    task: object
    contribution: object  # by the worker
    artifact: object

    def all(self) -> dict:
        return {"commons": self.commons.id, "task": self.task.id,
                "contribution": self.contribution.id, "artifact": self.artifact.id}


def one_of_each(founder, worker) -> Subjects:
    commons = rules_led_commons(founder)
    task = work_actions.create_task(founder, commons.id, title="Calibrate the probe", kind="code")
    contribution = work_actions.record_contribution(
        worker, commons.id, kind="code", effort_minutes=90, description="Wrote the driver"
    )
    artifact = artifact_actions.create_artifact(founder, commons.id, title="Wiring guide",
                                                body="Red to 5 V.")
    return Subjects(commons, task, contribution, artifact)


def other_network_commons():
    """A commons of another network this node also holds, and its founder."""
    from commoning.commons.actions import create_commons

    other_net = testing.make_network("Far Valley")
    stranger = testing.make_member(other_net, "zed", "Zed")
    return create_commons(stranger, name="Far Press", licence="CC-BY-SA-4.0"), stranger
