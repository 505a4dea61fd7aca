"""Imports (admin): upload, detected profile, mapping preview with unmapped columns,
probable duplicates to merge or split, approve, undo."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboards.components import call, empty, header


def _upload() -> None:
    cols = st.columns([3, 1])
    upload = cols[0].file_uploader("CSV, XLSX or JSON export", key="upload")
    from graph.imports.profiles import PROFILES

    profile = cols[1].selectbox("Profile", ["auto", *PROFILES], key="profile")
    if upload is not None and st.button("Stage for review", key="stage", type="primary"):
        preview = call("stage_import", upload.name, upload.getvalue(), profile)
        st.session_state["batch"] = preview.batch_id


def _counts(preview: Any) -> None:
    rows = [{"kind": kind, **counts.model_dump()}
            for kind, counts in {**preview.nodes, **preview.relationships}.items()]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")


def _duplicates(preview: Any) -> None:
    st.subheader(f"Probable duplicates ({len(preview.probable_duplicates)})")
    if not preview.probable_duplicates:
        empty("No probable duplicate in this file.")
    for dup in preview.probable_duplicates:
        cols = st.columns([5, 1, 1])
        verdict = dup.decision or ("merge" if dup.merged else "split")
        cols[0].markdown(f"Row {dup.row}: **{dup.name}** ~ {dup.candidate_name} "
                         f"({dup.score:.2f}, {dup.reason}) → *{verdict}*")
        if preview.status == "staged" and dup.number is not None:
            for col, decision in ((cols[1], "merge"), (cols[2], "split")):
                if col.button(decision, key=f"{decision}-{dup.number}"):
                    call("decide_duplicate", preview.batch_id, dup.number, decision)
                    st.rerun()


def _actions(preview: Any) -> None:
    cols = st.columns(2)
    if preview.status == "staged" and cols[0].button("Approve", key="approve", type="primary"):
        call("approve_import", preview.batch_id)
        st.rerun()
    if preview.status == "committed" and cols[1].button("Undo", key="undo"):
        undone = call("undo_import", preview.batch_id)
        st.success(f"Undone: {undone.deleted_nodes} nodes removed, "
                   f"{undone.restored_nodes} restored")
        st.rerun()


def _preview(batch_id: int) -> None:
    preview = call("import_preview", batch_id)
    confidence = preview.detected_profile_confidence
    st.markdown(f"### Batch {preview.batch_id}: {preview.file_name}  \n"
                f"Status **{preview.status}** · profile **{preview.profile}**"
                + (f" (detected, {confidence:.0%} sure)" if confidence is not None else "")
                + f" · {preview.rows} rows, {preview.rejected} rejected")
    _counts(preview)
    if preview.unmapped_columns:
        st.warning("Unmapped columns (not imported): " + ", ".join(preview.unmapped_columns))
    for note in preview.notes + preview.conflicts:
        st.caption(note)
    _duplicates(preview)
    _actions(preview)


def render() -> None:
    header("Imports", "Stage a file, review what it would change, then approve or undo.")
    _upload()
    batch = st.number_input("Batch", min_value=0, step=1, key="batch",
                            help="the batch to review (0: none)")
    if not batch:
        empty("Upload a file, or enter the number of a staged batch.")
        return
    _preview(int(batch))
