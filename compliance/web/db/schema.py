"""The stored data: cities, committees, users and their logins, grant years, allocations,
uploads (the original bytes), review runs with their findings, reviewer decisions, and the
audit log."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .types import Money, UtcDateTime, utcnow

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class City(Base):
    __tablename__ = "cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    committees: Mapped[list["Committee"]] = relationship(back_populates="city", order_by="Committee.name")


class Committee(Base):
    """A district committee (stadsdelsnämnd) or other recipient of the city's allocation."""

    __tablename__ = "committees"
    __table_args__ = (UniqueConstraint("city_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[City] = relationship(back_populates="committees")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))             # district | reviewer | admin
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    committee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committees.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    city: Mapped[City] = relationship()
    committee: Mapped[Optional[Committee]] = relationship()


class LoginSession(Base):
    """One login. The session cookie names it; logging out ends it, so a copy of the cookie
    taken before is worth nothing afterwards."""

    __tablename__ = "login_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[Optional[dt.datetime]] = mapped_column(UtcDateTime)


class GrantYear(Base):
    """A grant year as the taxonomy defines it, stored when it is first used."""

    __tablename__ = "grant_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    programme: Mapped[str] = mapped_column(Text)
    directions: Mapped[str] = mapped_column(String(80))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    requisition_deadline: Mapped[Optional[dt.date]] = mapped_column(Date)
    report_deadline: Mapped[dt.date] = mapped_column(Date)


class Allocation(Base):
    """A city's distribution of one year's requisitioned amount over its committees."""

    __tablename__ = "allocations"
    __table_args__ = (UniqueConstraint("city_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    year: Mapped[int] = mapped_column(ForeignKey("grant_years.year"))
    key: Mapped[Optional[str]] = mapped_column(Text)
    requisitioned: Mapped[Optional[Decimal]] = mapped_column(Money)
    printed_total: Mapped[Optional[Decimal]] = mapped_column(Money)
    source: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    city: Mapped[City] = relationship()
    shares: Mapped[list["AllocationShare"]] = relationship(
        back_populates="allocation", order_by="AllocationShare.position", cascade="all, delete-orphan")


class AllocationShare(Base):
    __tablename__ = "allocation_shares"
    __table_args__ = (UniqueConstraint("allocation_id", "committee_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("allocations.id", ondelete="CASCADE"))
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"))
    position: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    allocation: Mapped[Allocation] = relationship(back_populates="shares")
    committee: Mapped[Committee] = relationship()


class Upload(Base):
    """One file a committee sent, kept byte for byte with its SHA-256."""

    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    year: Mapped[int] = mapped_column(ForeignKey("grant_years.year"))
    kind: Mapped[str] = mapped_column(String(8))               # plan | utfall
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    submitted: Mapped[Optional[dt.date]] = mapped_column(Date)  # the return's date (the late-return rule)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    committee: Mapped[Committee] = relationship()
    uploader: Mapped[User] = relationship()
    runs: Mapped[list["ReviewRun"]] = relationship(back_populates="upload", order_by="ReviewRun.id")


class ReviewRun(Base):
    """The review one upload produced with one rules version and the decisions of the time.
    Runs are never changed: a new decision or new rules make a new run."""

    __tablename__ = "review_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"), index=True)
    rules_version: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(16))            # uppladdning | beslut | omgranskning
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)       # the district's Review, as JSON
    allocated: Mapped[Decimal] = mapped_column(Money)
    spent: Mapped[Decimal] = mapped_column(Money)
    eligible: Mapped[Decimal] = mapped_column(Money)
    at_risk: Mapped[Decimal] = mapped_column(Money)
    unspent: Mapped[Decimal] = mapped_column(Money)
    repayment_risk: Mapped[Decimal] = mapped_column(Money)
    undecided: Mapped[int] = mapped_column(Integer)
    upload: Mapped[Upload] = relationship(back_populates="runs")
    findings: Mapped[list["FindingRow"]] = relationship(back_populates="run", order_by="FindingRow.position",
                                                        cascade="all, delete-orphan")


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("review_runs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(80))
    rule_version: Mapped[Optional[str]] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(24))
    scope: Mapped[str] = mapped_column(String(16))
    district: Mapped[Optional[str]] = mapped_column(String(120))
    line_ref: Mapped[Optional[str]] = mapped_column(String(255))
    amount_at_risk: Mapped[Decimal] = mapped_column(Money)
    message: Mapped[str] = mapped_column(Text)
    verdict: Mapped[Optional[str]] = mapped_column(String(8))  # the decision applied in this run
    run: Mapped[ReviewRun] = relationship(back_populates="findings")


class Decision(Base):
    """A reviewer's current judgement on a finding of an upload (history in the audit log)."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    district: Mapped[Optional[str]] = mapped_column(String(120))
    line_ref: Mapped[Optional[str]] = mapped_column(String(255))
    rule: Mapped[str] = mapped_column(String(80))
    verdict: Mapped[str] = mapped_column(String(8))            # accept | reject
    motivation: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    user: Mapped[User] = relationship()


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[Optional[str]] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    user: Mapped[Optional[User]] = relationship()


class AppSetting(Base):
    """Values the app keeps for itself, e.g. the generated cookie-signing key."""

    __tablename__ = "app_settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
