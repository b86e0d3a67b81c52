"""Training on more than one device: data parallel through Hugging Face ``accelerate``, not a scheme of ours.

With more than one GPU the server starts the training child through ``accelerate launch --multi_gpu``
(torchrun underneath: one process per device, a process group over NCCL). Each process takes its share of
a step's examples, computes the summed loss of its labelled tokens divided by the step's label count over
all processes, and the gradients are summed across processes before every process takes the same
optimiser step: a step is, up to float rounding, the step one process would take on the whole batch.
The first process alone writes progress, checkpoints and validation figures.

With one process (one GPU, or the CPU) every method here does nothing and nothing is imported. Tests run
two processes on the CPU (a gloo process group), which is the same code path without the devices.

Imports torch and accelerate: only the training child loads this module.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import torch

#: the environment torchrun gives each process it starts
_WORLD = "WORLD_SIZE"


def launched_processes() -> int:
    """How many training processes this one belongs to (1 when not started by a launcher)."""
    try:
        return max(1, int(os.environ.get(_WORLD, "1")))
    except ValueError:
        return 1


class Group:
    """The training processes of one job, as seen from one of them."""

    def __init__(self) -> None:
        self.size = launched_processes()
        self.rank = 0
        self.local_rank = 0
        self._state: Any = None
        if self.size > 1:
            from accelerate import PartialState

            self._state = PartialState(cpu=not torch.cuda.is_available())
            self.size = int(self._state.num_processes)
            self.rank = int(self._state.process_index)
            self.local_rank = int(self._state.local_process_index)

    @property
    def main(self) -> bool:
        """Whether this process writes progress and checkpoints."""
        return self.rank == 0

    def device(self, default: torch.device) -> torch.device:
        """This process's own GPU when several share the job; else ``default``."""
        if self.size > 1 and default.type == "cuda":
            return torch.device("cuda", self.local_rank)
        return default

    def share(self, indices: Sequence[int]) -> list[int]:
        """This process's part of a step's examples (every ``size``-th, starting at its rank)."""
        return list(indices[self.rank :: self.size])

    def total(self, *values: float) -> list[float]:
        """Each value summed over all processes."""
        if self.size == 1:
            return list(values)
        t = torch.tensor(values, dtype=torch.float64, device=self._comm_device())
        torch.distributed.all_reduce(t)
        return [float(v) for v in t.tolist()]

    def decide(self, flag: bool) -> bool:
        """The first process's ``flag``, the same in every process (pause, stop)."""
        if self.size == 1:
            return flag
        t = torch.tensor([1 if flag else 0], dtype=torch.int32, device=self._comm_device())
        torch.distributed.broadcast(t, 0)
        return bool(t.item())

    def sum_gradients(self, params: Sequence[torch.nn.Parameter]) -> None:
        """Add up the gradients of ``params`` across processes (one flat all-reduce)."""
        if self.size == 1:
            return
        grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
        flat = torch.cat([g.reshape(-1).float() for g in grads])
        torch.distributed.all_reduce(flat)
        at = 0
        for p in params:
            n = p.numel()
            p.grad = flat[at : at + n].view_as(p).to(p.dtype)
            at += n

    def same_start(self, params: Sequence[torch.nn.Parameter]) -> None:
        """Every process starts from the first process's weights (fresh or resumed)."""
        if self.size == 1:
            return
        with torch.no_grad():
            for p in params:
                torch.distributed.broadcast(p.data, 0)

    def close(self) -> None:
        if self._state is not None:
            self._state.destroy_process_group()
            self._state = None

    def _comm_device(self) -> torch.device:
        return torch.device("cuda", self.local_rank) if torch.cuda.is_available() else torch.device("cpu")
